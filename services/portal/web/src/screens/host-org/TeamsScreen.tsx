import { Button, Card, Group, Loader, Modal, NativeSelect, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { PageTitle } from '../../components/PageTitle';
import { StatusBadge, type StatusTone } from '../../components/StatusBadge';
import { ConfirmAction, LoadMore, regionName } from '../coordinator/common';
import { RoundTitle } from './HostOrgHome';
import { HostProblemAlert } from './problems';
import { HOST_KEY, type Team, type TeamAnswer, useAskingTeams } from './queries';

const ANSWERS = ['requested', 'confirmed', 'declined'] as const;
const DECLINE_REASONS = ['no-capacity', 'outside-focus', 'conflict-of-interest', 'other'] as const;
type DeclineReason = (typeof DECLINE_REASONS)[number];
const ANSWER_TONE: Record<TeamAnswer, StatusTone> = {
  none: 'neutral',
  requested: 'progress',
  confirmed: 'success',
  declined: 'attention',
};

/**
 * The teams that asked to apply with the organization (the service lists only those that named it), waiting ones
 * first by default; each is confirmed or declined with a reason, after a confirmation dialog.
 */
export default function TeamsScreen() {
  const { t } = useTranslation();
  const [answer, setAnswer] = useState<TeamAnswer | ''>('requested');
  const teams = useAskingTeams(answer);
  const items = teams.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <PageTitle>{t('hostOrg.teams.title')}</PageTitle>
      <Text mb="md" maw={720}>
        {t('hostOrg.teams.lead')}
      </Text>
      <NativeSelect
        label={t('hostOrg.teams.filter')}
        value={answer}
        onChange={(event) => setAnswer(event.currentTarget.value as TeamAnswer | '')}
        data={[
          { value: '', label: t('hostOrg.teams.anyAnswer') },
          ...ANSWERS.map((value) => ({ value, label: t(`hostOrg.answer.${value}`) })),
        ]}
        maw={320}
        mb="md"
      />
      {teams.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      <HostProblemAlert error={teams.error} />
      {teams.isSuccess && items.length === 0 ? <Text c="dimmed">{t('hostOrg.teams.none')}</Text> : null}
      <Stack gap="sm" maw={820}>
        {items.map((team) => (
          <TeamCard key={team.teamId} team={team} />
        ))}
        <LoadMore
          hasNext={teams.hasNextPage}
          loading={teams.isFetchingNextPage}
          onClick={() => void teams.fetchNextPage()}
        />
      </Stack>
    </>
  );
}

function TeamCard({ team }: { team: Team }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: [...HOST_KEY, 'teams'] });
  const name = t('hostOrg.teams.team', { id: team.teamId.slice(-6) });
  const confirm = async () => {
    await unwrap(
      api.applications.POST('/teams/{teamId}/host-organization/confirm', {
        params: { path: { teamId: team.teamId } },
      }),
    );
    await refresh();
  };
  return (
    <Card withBorder padding="md" component="article" aria-label={name} data-testid="host-team">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <Stack gap={2}>
          <Text fw={700}>{name}</Text>
          <Text size="sm">
            <RoundTitle roundId={team.roundId} /> · {regionName(t, team.region)}
          </Text>
          <Text size="sm">
            {t('hostOrg.teams.size', { count: team.memberParticipantIds.length })} ·{' '}
            {t(`hostOrg.teams.status.${team.status}`)}
          </Text>
          {team.hostDeclineReason ? (
            <Text size="sm">
              {t('hostOrg.teams.declinedBecause', {
                reason: t(`hostOrg.declineReasons.${team.hostDeclineReason}`),
              })}
            </Text>
          ) : null}
        </Stack>
        <StatusBadge tone={ANSWER_TONE[team.hostOrganizationStatus]}>
          {t(`hostOrg.answer.${team.hostOrganizationStatus}`)}
        </StatusBadge>
      </Group>
      {team.hostOrganizationStatus === 'requested' && team.status === 'forming' ? (
        <Text size="sm" mt="sm" c="dimmed">
          {t('hostOrg.teams.answerWhenFormed')}
        </Text>
      ) : null}
      {team.hostOrganizationStatus === 'requested' && team.status === 'formed' ? (
        <Group mt="sm" gap="sm">
          <ConfirmAction
            label={t('hostOrg.teams.confirm')}
            title={t('hostOrg.teams.confirmTitle', { team: name })}
            onConfirm={confirm}
          >
            {t('hostOrg.teams.confirmText')}
          </ConfirmAction>
          <DeclineAction team={team} name={name} onDone={refresh} />
        </Group>
      ) : null}
    </Card>
  );
}

/** Declining asks for the reason the team will read, then declines once (the button waits for the answer). */
function DeclineAction({ team, name, onDone }: { team: Team; name: string; onDone: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [reason, setReason] = useState<DeclineReason>('no-capacity');
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const decline = async () => {
    if (running) return;
    setRunning(true);
    setError(null);
    try {
      await unwrap(
        api.applications.POST('/teams/{teamId}/host-organization/decline', {
          params: { path: { teamId: team.teamId } },
          body: { reason },
        }),
      );
      setOpened(false);
      await onDone();
    } catch (problem) {
      setError(problem);
    } finally {
      setRunning(false);
    }
  };
  return (
    <>
      <Button size="sm" color="red" variant="outline" onClick={() => setOpened(true)}>
        {t('hostOrg.teams.decline')}
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={t('hostOrg.teams.declineTitle', { team: name })}
        closeButtonProps={{ 'aria-label': t('coordinator.close') }}
      >
        <Stack gap="sm">
          <NativeSelect
            label={t('hostOrg.teams.reason')}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value as DeclineReason)}
            data={DECLINE_REASONS.map((value) => ({ value, label: t(`hostOrg.declineReasons.${value}`) }))}
          />
          <HostProblemAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)}>
              {t('coordinator.cancel')}
            </Button>
            <Button color="red" loading={running} onClick={() => void decline()}>
              {t('hostOrg.teams.declineConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
