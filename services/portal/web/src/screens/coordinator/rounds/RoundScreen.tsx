import { Alert, Anchor, Button, Group, Loader, NativeSelect, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../../api/client';
import { ProblemError } from '../../../api/problems';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { ConfirmAction, InstantText, useMyRegions } from '../common';
import { useOnceKey } from './onceKey';
import { RoundEditor } from './RoundEditor';
import { type FieldProblem, FieldProblems, problemMessages, RoundProblem } from './RoundProblems';
import { COMPETITIONS_KEY, type Round, useRound } from './queries';
import { bodyOf, formOf, type RoundForm } from './roundForm';
import { RoundStatusBadge, roundTitle } from './RoundStatusBadge';

type CheckResult = { valid: boolean; errors: FieldProblem[] };

/**
 * One round: a draft is edited, checked (every problem the service finds, each naming its field) and published
 * with a confirmation; a published round's rules are frozen (read-only here, refused by the service), and change
 * only as a whole new version. Rounds apply to every region: a coordinator limited to some regions reads them.
 */
export default function RoundScreen() {
  const { t, i18n } = useTranslation();
  const { roundId = '' } = useParams();
  const round = useRound(roundId);
  if (round.isPending) return <Loader aria-label={t('common.loading')} />;
  if (!round.data) return <ProblemAlert error={round.error} />;
  return (
    <>
      <PageTitle>{roundTitle(round.data, i18n.language) || t('coordRound.untitled')}</PageTitle>
      {/* A new workspace when the round is published, revised or closed; a saved draft keeps what is on screen. */}
      <RoundWorkspace
        key={`${round.data.roundId}-${round.data.status}-${round.data.rulesVersion}`}
        round={round.data}
      />
    </>
  );
}

function RoundWorkspace({ round }: { round: Round }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const national = useMyRegions() === null;
  const [form, setForm] = useState<RoundForm>(() => formOf(round));
  const [dirty, setDirty] = useState(false);
  const [revising, setRevising] = useState(false);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const [check, setCheck] = useState<CheckResult | null>(null);
  const [outcome, setOutcome] = useState<'completed' | 'cancelled'>('completed');
  const publishKey = useOnceKey();
  const reviseKey = useOnceKey();
  const closeKey = useOnceKey();

  const regionsOfQuotas = form.quotas.map((quota) => quota.region);
  const isDraft = round.status === 'draft';
  const editable = national && (isDraft || revising);
  const refresh = () => queryClient.invalidateQueries({ queryKey: COMPETITIONS_KEY });
  const fieldErrors = problemMessages(
    [...(problem instanceof ProblemError ? (problem.problem.errors ?? []) : []), ...(check?.errors ?? [])],
    t,
  );

  /** Saves the draft (only what changed is new; the service merges rules field by field). */
  const save = async (): Promise<boolean> => {
    setSaving(true);
    setProblem(null);
    try {
      await unwrap(
        api.competitions.PATCH('/rounds/{roundId}', {
          params: { path: { roundId: round.roundId } },
          body: { ...bodyOf(form, round), version: round.version },
        }),
      );
      setDirty(false);
      await refresh();
      return true;
    } catch (error) {
      setProblem(error);
      return false;
    } finally {
      setSaving(false);
    }
  };

  const runCheck = async () => {
    setCheck(null);
    if (dirty && !(await save())) return;
    setSaving(true);
    try {
      const result = await unwrap(
        api.competitions.GET('/rounds/{roundId}/check', { params: { path: { roundId: round.roundId } } }),
      );
      setCheck(result);
    } catch (error) {
      setProblem(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack gap="md">
      <Group gap="sm" wrap="wrap">
        <RoundStatusBadge status={round.status} />
        <Text size="sm">
          {t('coordRound.rulesVersion', { version: round.rulesVersion })}
          {round.publishedAt ? (
            <>
              {' · '}
              {t('coordRound.publishedAt')} <InstantText value={round.publishedAt} />
            </>
          ) : null}
        </Text>
        {round.status !== 'draft' ? (
          <Anchor component={Link} to={`/coordinator/rounds/${round.roundId}/host-competition`}>
            {t('coordRound.host.open')}
          </Anchor>
        ) : null}
      </Group>
      {!national ? <Alert color="blue">{t('coordRound.nationalOnly')}</Alert> : null}
      {round.status === 'published' && !revising ? (
        <Alert color="gray" title={t('coordRound.frozenTitle')} data-testid="round-frozen">
          {t('coordRound.frozen')}
        </Alert>
      ) : null}
      {round.status === 'closed' ? (
        <Alert color="gray">{t(`coordRound.closed.${round.outcome ?? 'completed'}`)}</Alert>
      ) : null}

      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (isDraft) void save();
        }}
      >
        <Stack gap="md">
          <RoundEditor
            form={form}
            readOnly={!editable}
            fieldErrors={fieldErrors}
            onChange={(next) => {
              setForm(next);
              setDirty(true);
              setCheck(null);
            }}
          />
          <RoundProblem error={problem} regionsOfQuotas={regionsOfQuotas} />
          {check && !check.valid ? (
            <FieldProblems
              title={t('coordRound.check.problems', { count: check.errors.length })}
              problems={check.errors}
              regionsOfQuotas={regionsOfQuotas}
            />
          ) : null}
          {check?.valid ? (
            <Alert color="green" role="status" data-testid="round-check-ok">
              {t('coordRound.check.ok')}
            </Alert>
          ) : null}
          {national && isDraft ? (
            <Group gap="sm" wrap="wrap">
              <Button type="submit" variant="default" loading={saving} disabled={!dirty}>
                {t('coordRound.save')}
              </Button>
              <Button variant="default" onClick={() => void runCheck()} loading={saving}>
                {t('coordRound.check.run')}
              </Button>
              <ConfirmAction
                label={t('coordRound.publish')}
                title={t('coordRound.publish')}
                disabled={dirty || saving}
                onConfirm={async () => {
                  const body = { version: round.version };
                  await unwrap(
                    api.competitions.POST('/rounds/{roundId}/publish', {
                      params: {
                        path: { roundId: round.roundId },
                        header: { 'Idempotency-Key': publishKey.keyFor(body) },
                      },
                      body,
                    }),
                  );
                  publishKey.answered();
                  await refresh();
                }}
              >
                {t('coordRound.publishConfirm')}
              </ConfirmAction>
              {dirty ? <Text size="sm">{t('coordRound.saveFirst')}</Text> : null}
            </Group>
          ) : null}
          {national && round.status === 'published' ? (
            <Group gap="sm" wrap="wrap">
              {revising ? (
                <>
                  <ConfirmAction
                    label={t('coordRound.revise.publish', { version: round.rulesVersion + 1 })}
                    title={t('coordRound.revise.publish', { version: round.rulesVersion + 1 })}
                    onConfirm={async () => {
                      const body = { ...bodyOf(form, round), version: round.version };
                      await unwrap(
                        api.competitions.POST('/rounds/{roundId}/revisions', {
                          params: {
                            path: { roundId: round.roundId },
                            header: { 'Idempotency-Key': reviseKey.keyFor(body) },
                          },
                          body,
                        }),
                      );
                      reviseKey.answered();
                      await refresh();
                    }}
                  >
                    {t('coordRound.revise.confirm')}
                  </ConfirmAction>
                  <Button
                    variant="default"
                    onClick={() => {
                      setRevising(false);
                      setForm(formOf(round));
                    }}
                  >
                    {t('coordinator.cancel')}
                  </Button>
                </>
              ) : (
                <Button variant="default" onClick={() => setRevising(true)}>
                  {t('coordRound.revise.start')}
                </Button>
              )}
              <ConfirmAction
                label={t('coordRound.close.action')}
                title={t('coordRound.close.action')}
                color="red"
                onConfirm={async () => {
                  const body = { version: round.version, outcome };
                  await unwrap(
                    api.competitions.POST('/rounds/{roundId}/close', {
                      params: {
                        path: { roundId: round.roundId },
                        header: { 'Idempotency-Key': closeKey.keyFor(body) },
                      },
                      body,
                    }),
                  );
                  closeKey.answered();
                  await refresh();
                }}
              >
                <Stack gap="xs">
                  <Text>{t('coordRound.close.confirm')}</Text>
                  <NativeSelect
                    label={t('coordRound.close.outcome')}
                    value={outcome}
                    onChange={(event) => setOutcome(event.currentTarget.value as 'completed' | 'cancelled')}
                    data={(['completed', 'cancelled'] as const).map((value) => ({
                      value,
                      label: t(`coordRound.closed.${value}`),
                    }))}
                  />
                </Stack>
              </ConfirmAction>
            </Group>
          ) : null}
        </Stack>
      </form>
    </Stack>
  );
}
