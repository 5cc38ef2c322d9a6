import { Alert, Anchor, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { PageTitle } from '../../components/PageTitle';
import { ConfirmAction, idempotencyKey, InstantText, useLanguage } from '../coordinator/common';
import { ApplicationStatus } from './ApplicationStatus';
import { type RegionId } from './facts';
import { factsOf, type FactsForm, formOf, unchanged } from './facts';
import { FactsFields } from './FactsFields';
import { HostProblemAlert, hostProblem } from './problems';
import {
  HOST_KEY,
  type HostApplication,
  type Round,
  useApplication,
  useHostOrgId,
  useHostRegions,
  useRound,
} from './queries';

/** The regions the organization may apply in: the round's, narrowed to the account's when it names some. */
function regionsFor(round: Round | undefined, mine: readonly string[] | null): string[] {
  const regions = round?.regions ?? [];
  const narrowed = mine ? regions.filter((region) => mine.includes(region)) : regions;
  return narrowed.length > 0 ? narrowed : regions;
}

function RoundHeading({ round }: { round: Round | undefined }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <>
      <PageTitle>{t('hostOrg.application.title', { round: round?.title?.[language] ?? '' })}</PageTitle>
      {round?.hostApplicationWindow ? (
        <Text mb="md">
          {t('hostOrg.home.window')}: <InstantText value={round.hostApplicationWindow.opensAt} /> —{' '}
          <InstantText value={round.hostApplicationWindow.closesAt} />
        </Text>
      ) : null}
    </>
  );
}

/** A new application to a round: filled in and saved as a draft, which then opens as the application's screen. */
export function NewApplicationScreen() {
  const { t } = useTranslation();
  const { roundId = '' } = useParams();
  const hostOrgId = useHostOrgId();
  const mine = useHostRegions();
  const round = useRound(roundId);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const regions = regionsFor(round.data, mine);
  const [form, setForm] = useState<FactsForm | null>(null);
  useEffect(() => {
    if (form === null && regions[0]) setForm(formOf(regions[0], undefined));
  }, [form, regions]);
  const start = useMutation({
    mutationFn: (current: FactsForm) =>
      unwrap(
        api.competitions.POST('/rounds/{roundId}/host-applications', {
          params: { path: { roundId } },
          body: {
            hostOrganizationId: hostOrgId ?? '',
            region: current.region as RegionId,
            facts: factsOf(current),
          },
        }),
      ),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: HOST_KEY });
      await navigate(`/host-org/applications/${saved.hostApplicationId}`, {
        replace: true,
      });
    },
  });
  return (
    <>
      <RoundHeading round={round.data} />
      {round.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      <HostProblemAlert error={round.error} />
      {form ? (
        <Stack gap="md" maw={720}>
          <HostProblemAlert error={start.error} />
          <FactsFields
            form={form}
            regions={regions}
            errors={start.error ? hostProblem(start.error, t).fields : {}}
            onChange={setForm}
          />
          <Group>
            <Button loading={start.isPending} onClick={() => !start.isPending && start.mutate(form)}>
              {t('hostOrg.application.saveDraft')}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </>
  );
}

/** An application: its draft while it is one (saved and submitted here), then its status, scores and outcome. */
export function ApplicationScreen() {
  const { t } = useTranslation();
  const { hostApplicationId = '' } = useParams();
  const application = useApplication(hostApplicationId);
  const round = useRound(application.data?.roundId ?? '');
  return (
    <>
      <RoundHeading round={application.data ? round.data : undefined} />
      <Anchor component={Link} to="/host-org" mb="md" display="inline-block">
        {t('hostOrg.application.back')}
      </Anchor>
      {application.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      <HostProblemAlert error={application.error} />
      {application.data?.status === 'draft' ? (
        <DraftEditor application={application.data} round={round.data} />
      ) : null}
      {application.data && application.data.status !== 'draft' ? (
        <ApplicationStatus application={application.data} round={round.data} />
      ) : null}
    </>
  );
}

function DraftEditor({ application, round }: { application: HostApplication; round: Round | undefined }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const mine = useHostRegions();
  const [form, setForm] = useState<FactsForm>(() => formOf(application.region, application.facts));
  const regions = regionsFor(round, mine);
  const key = [...HOST_KEY, 'application', application.hostApplicationId];
  const save = async (current: FactsForm) =>
    unwrap(
      api.competitions.PATCH('/host-applications/{hostApplicationId}', {
        params: { path: { hostApplicationId: application.hostApplicationId } },
        body: {
          version: application.version,
          region: current.region as RegionId,
          facts: factsOf(current),
        },
      }),
    );
  const saveDraft = useMutation({
    mutationFn: save,
    onSuccess: (next) => {
      queryClient.setQueryData(key, next);
    },
  });
  const [submitError, setSubmitError] = useState<unknown>(null);
  // The draft as it is on the screen, then the submission with one key: a double click submits once.
  const submit = async () => {
    setSubmitError(null);
    try {
      const draft = await save(form);
      queryClient.setQueryData(key, draft);
      const submitted = await unwrap(
        api.competitions.POST('/host-applications/{hostApplicationId}/submit', {
          params: {
            path: { hostApplicationId: application.hostApplicationId },
            header: { 'Idempotency-Key': idempotencyKey() },
          },
          body: { version: draft.version },
        }),
      );
      queryClient.setQueryData(key, submitted);
      await queryClient.invalidateQueries({ queryKey: [...HOST_KEY, 'applications'] });
    } catch (problem) {
      // Shown beside the form, where the fields it names are.
      setSubmitError(problem);
    }
  };
  const error = saveDraft.error ?? submitError;
  return (
    <Stack gap="md" maw={720}>
      {/* Saved means the form holds what is stored, however it got there (created, saved, or opened again). */}
      {unchanged(form, application.region, application.facts) && !saveDraft.isPending && !error ? (
        <Alert color="teal" role="status">
          {t('hostOrg.application.draftSaved')}
        </Alert>
      ) : null}
      <HostProblemAlert error={error} />
      <FactsFields
        form={form}
        regions={regions.length > 0 ? regions : [application.region]}
        errors={error ? hostProblem(error, t).fields : {}}
        onChange={setForm}
      />
      <Group>
        <Button
          variant="default"
          loading={saveDraft.isPending}
          onClick={() => !saveDraft.isPending && saveDraft.mutate(form)}
        >
          {t('hostOrg.application.saveDraft')}
        </Button>
        <ConfirmAction
          label={t('hostOrg.application.submit')}
          title={t('hostOrg.application.submitTitle')}
          onConfirm={submit}
        >
          {t('hostOrg.application.submitText')}
        </ConfirmAction>
      </Group>
    </Stack>
  );
}
