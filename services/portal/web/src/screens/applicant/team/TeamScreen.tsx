import {
  Alert,
  Anchor,
  Button,
  Card,
  Code,
  CopyButton,
  Group,
  List,
  Loader,
  NativeSelect,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../../api/client';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { StatusBadge, type StatusTone } from '../../../components/StatusBadge';
import { isLanguage } from '../../../i18n';
import { type Round, usePublishedRounds } from '../rounds/useRounds';
import { ALONE, HostChoice } from './HostChoice';
import { type Team, TEAMS_KEY, useMyTeam } from './useMyTeam';
import { useSelectedHosts } from './useSelectedHosts';

/**
 * The applicant's team: start one for an open round (as its leader, on its own or with a host organization selected
 * in its region), or join one with a code; then the leader shares the team's code or link, sees who is in it and
 * whether each person is eligible (and why not), forms the team once it is large enough, and sees whether the host
 * organization confirmed (or asks another after a decline). The service decides every rule; this screen shows its
 * answers.
 */
export default function TeamScreen() {
  const { t } = useTranslation();
  const { participantId, team, invitations, teams, isLeader } = useMyTeam();
  const rounds = usePublishedRounds();
  if (!participantId) {
    return (
      <>
        <PageTitle>{t('team.title')}</PageTitle>
        <Alert color="blue">
          <Text mb="sm">{t('applicant.notRegistered')}</Text>
          <Button component={Link} to="/applicant/register">
            {t('register.title')}
          </Button>
        </Alert>
      </>
    );
  }
  return (
    <>
      <PageTitle>{t('team.title')}</PageTitle>
      {teams.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      <ProblemAlert error={teams.error} />
      {teams.data && !team ? (
        <Stack gap="lg">
          {invitations.map((invited) => (
            <Invitation
              key={invited.teamId}
              team={invited}
              participantId={participantId}
              rounds={rounds.data?.items}
            />
          ))}
          <StartTeam rounds={rounds.data?.items ?? []} />
          <Card withBorder padding="lg">
            <Title order={2} size="h3" mb="xs">
              {t('team.joinTitle')}
            </Title>
            <Text mb="sm">{t('team.joinText')}</Text>
            <Button component={Link} to="/applicant/join" variant="default" w="fit-content">
              {t('team.joinWithCode')}
            </Button>
          </Card>
        </Stack>
      ) : null}
      {team ? (
        <TeamView team={team} isLeader={isLeader} participantId={participantId} rounds={rounds.data?.items} />
      ) : null}
    </>
  );
}

function roundTitle(round: Round | undefined, roundId: string, language: string): string {
  return (isLanguage(language) ? round?.title?.[language] : undefined) ?? roundId;
}

function StartTeam({ rounds }: { rounds: readonly Round[] }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [roundId, setRoundId] = useState('');
  const chosen = rounds.find((round) => round.roundId === roundId) ?? rounds[0];
  const [region, setRegion] = useState('');
  const regions = chosen?.regions ?? [];
  const chosenRegion = region || regions[0] || '';
  const hosts = useSelectedHosts(chosen?.roundId, chosenRegion);
  const [host, setHost] = useState(ALONE);
  // A choice made for another round or region does not carry over.
  const hostId = hosts.data?.some((candidate) => candidate.hostOrganizationId === host) ? host : ALONE;
  const start = useMutation({
    mutationFn: () =>
      unwrap(
        api.applications.POST('/teams', {
          body: {
            roundId: chosen?.roundId ?? '',
            region: chosenRegion,
            hostOrganizationId: hostId === ALONE ? null : hostId,
          },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TEAMS_KEY }),
  });
  if (rounds.length === 0) return <Alert color="blue">{t('rounds.none')}</Alert>;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="start-team">
      <Title order={2} size="h3" mb="xs" id="start-team">
        {t('team.startTitle')}
      </Title>
      <Text mb="sm">{t('team.startText')}</Text>
      <Stack gap="sm">
        <NativeSelect
          id="field-roundId"
          label={t('team.round')}
          value={chosen?.roundId ?? ''}
          onChange={(event) => setRoundId(event.currentTarget.value)}
          data={rounds.map((round) => ({
            value: round.roundId,
            label: roundTitle(round, round.roundId, i18n.language),
          }))}
        />
        <NativeSelect
          id="field-region"
          label={t('fields.region')}
          value={chosenRegion}
          onChange={(event) => setRegion(event.currentTarget.value)}
          data={regions.map((id) => ({ value: id, label: t(`regions.${id}`, { defaultValue: id }) }))}
        />
        {hosts.isPending && chosenRegion ? <Loader size="sm" aria-label={t('common.loading')} /> : null}
        <ProblemAlert error={hosts.error} />
        {hosts.data ? <HostChoice hosts={hosts.data} value={hostId} onChange={setHost} /> : null}
        <ProblemAlert error={start.error} />
        <Group>
          <Button onClick={() => start.mutate()} loading={start.isPending}>
            {t('team.start')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function Invitation({
  team,
  participantId,
  rounds,
}: {
  team: Team;
  participantId: string;
  rounds: readonly Round[] | undefined;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const accept = useMutation({
    mutationFn: () =>
      unwrap(
        api.applications.POST('/teams/{teamId}/invitations/{participantId}/accept', {
          params: { path: { teamId: team.teamId, participantId } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TEAMS_KEY }),
  });
  const round = rounds?.find((candidate) => candidate.roundId === team.roundId);
  return (
    <Alert color="teal" title={t('team.invitedTitle')}>
      <Text mb="sm">
        {t('team.invitedText', {
          round: roundTitle(round, team.roundId, i18n.language),
          region: t(`regions.${team.region}`, { defaultValue: team.region }),
        })}
      </Text>
      <ProblemAlert error={accept.error} />
      <Button onClick={() => accept.mutate()} loading={accept.isPending}>
        {t('team.accept')}
      </Button>
    </Alert>
  );
}

function TeamView({
  team,
  isLeader,
  participantId,
  rounds,
}: {
  team: Team;
  isLeader: boolean;
  participantId: string;
  rounds: readonly Round[] | undefined;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const round = rounds?.find((candidate) => candidate.roundId === team.roundId);
  const people = useQuery({
    queryKey: ['teams', team.teamId, 'people', team.version],
    queryFn: () =>
      unwrap(api.applications.GET('/teams/{teamId}/people', { params: { path: { teamId: team.teamId } } })),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: TEAMS_KEY });
  const newCode = useMutation({
    mutationFn: () =>
      unwrap(
        api.applications.POST('/teams/{teamId}/invitation-code', {
          params: { path: { teamId: team.teamId } },
        }),
      ),
    onSuccess: refresh,
  });
  const form = useMutation({
    mutationFn: () =>
      unwrap(api.applications.POST('/teams/{teamId}/form', { params: { path: { teamId: team.teamId } } })),
    onSuccess: refresh,
  });
  const leave = useMutation({
    mutationFn: () =>
      unwrap(
        api.applications.DELETE('/teams/{teamId}/members/{participantId}', {
          params: { path: { teamId: team.teamId, participantId } },
        }),
      ),
    onSuccess: refresh,
  });
  const size = round?.rules?.teamSize;
  const link = team.invitationCode ? `${window.location.origin}/applicant/join/${team.invitationCode}` : null;
  return (
    <Stack gap="lg">
      <Card withBorder padding="lg" component="section" aria-labelledby="team-summary">
        <Group justify="space-between" wrap="wrap" align="flex-start" mb="xs">
          <Title order={2} size="h3" id="team-summary">
            {roundTitle(round, team.roundId, i18n.language)}
          </Title>
          <StatusBadge tone={team.status === 'formed' ? 'success' : 'progress'}>
            {t(`team.status.${team.status}`)}
          </StatusBadge>
        </Group>
        <Text>{t(`regions.${team.region}`, { defaultValue: team.region })}</Text>
        <Text>
          {size
            ? t('team.size', { n: team.memberParticipantIds.length, min: size.min, max: size.max })
            : t('team.members', { n: team.memberParticipantIds.length })}
        </Text>
      </Card>

      <HostSection team={team} isLeader={isLeader} />

      <Card withBorder padding="lg" component="section" aria-labelledby="team-people">
        <Title order={2} size="h3" mb="sm" id="team-people">
          {t('team.people')}
        </Title>
        {people.isPending ? <Loader size="sm" aria-label={t('common.loading')} /> : null}
        <ProblemAlert error={people.error} />
        <List spacing="xs" listStyleType="none" p={0}>
          {people.data?.items.map((person) => (
            <List.Item key={person.participantId}>
              <Group gap="xs" wrap="wrap">
                <Text fw={600}>{person.fullName || t('team.unnamed')}</Text>
                <StatusBadge tone="neutral">{t(`team.role.${person.role}`)}</StatusBadge>
                <StatusBadge tone={person.eligible ? 'success' : 'danger'}>
                  {person.eligible ? t('team.eligible') : t('team.notEligible')}
                </StatusBadge>
              </Group>
              {person.reasons.length > 0 ? (
                <List size="sm" withPadding>
                  {person.reasons.map((reason) => (
                    <List.Item key={reason}>{t(`bid.reasons.${reason}`)}</List.Item>
                  ))}
                </List>
              ) : null}
            </List.Item>
          ))}
        </List>
      </Card>

      <Card withBorder padding="lg" component="section" aria-labelledby="team-invite">
        <Title order={2} size="h3" mb="xs" id="team-invite">
          {t('team.inviteTitle')}
        </Title>
        {team.invitationCode && link ? (
          <Stack gap="xs">
            <Text>{t('team.codeText')}</Text>
            <Code fz="xl" fw={700} data-testid="invitation-code">
              {team.invitationCode}
            </Code>
            <Text size="sm" style={{ wordBreak: 'break-all' }}>
              {t('team.link')}: <Anchor href={link}>{link}</Anchor>
            </Text>
            <CopyButton value={link}>
              {({ copied, copy }) => (
                <Button variant="default" onClick={copy} w="fit-content">
                  {copied ? t('team.copied') : t('team.copyLink')}
                </Button>
              )}
            </CopyButton>
          </Stack>
        ) : (
          <Text mb="sm">{isLeader ? t('team.noCodeLeader') : t('team.noCodeMember')}</Text>
        )}
        <ProblemAlert error={newCode.error} />
        {isLeader && team.invitationCode ? (
          <Text size="sm" c="dimmed" mt="sm">
            {t('team.newCodeHint')}
          </Text>
        ) : null}
        {isLeader ? (
          <Button
            mt="sm"
            w="fit-content"
            variant={team.invitationCode ? 'default' : 'filled'}
            onClick={() => newCode.mutate()}
            loading={newCode.isPending}
          >
            {team.invitationCode ? t('team.newCode') : t('team.createCode')}
          </Button>
        ) : null}
      </Card>

      <ProblemAlert error={form.error ?? leave.error} />
      <Group>
        {isLeader && team.status === 'forming' ? (
          <Button onClick={() => form.mutate()} loading={form.isPending}>
            {t('team.form')}
          </Button>
        ) : null}
        <Button
          component={Link}
          to="/applicant/bid"
          variant={team.status === 'formed' ? 'filled' : 'default'}
        >
          {t('team.toBid')}
        </Button>
        {!isLeader ? (
          <Button variant="subtle" color="red" onClick={() => leave.mutate()} loading={leave.isPending}>
            {t('team.leave')}
          </Button>
        ) : null}
      </Group>
    </Stack>
  );
}

const HOST_TONE: Record<Team['hostOrganizationStatus'], StatusTone> = {
  none: 'neutral',
  requested: 'progress',
  confirmed: 'success',
  declined: 'danger',
};

/**
 * The team's host organization and its answer. The leader may ask another selected one, or apply on their own,
 * until the bid is submitted (the service refuses after that); once it confirmed, there is nothing to choose.
 */
function HostSection({ team, isLeader }: { team: Team; isLeader: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const hosts = useSelectedHosts(team.roundId, team.region);
  const [choice, setChoice] = useState<string | null>(null);
  const current = team.hostOrganizationId ?? ALONE;
  const save = useMutation({
    mutationFn: (hostOrganizationId: string | null) =>
      unwrap(
        api.applications.PUT('/teams/{teamId}/host-organization', {
          params: { path: { teamId: team.teamId } },
          body: { hostOrganizationId },
        }),
      ),
    onSuccess: async () => {
      setChoice(null);
      await queryClient.invalidateQueries({ queryKey: TEAMS_KEY });
    },
  });
  const name =
    hosts.data?.find((host) => host.hostOrganizationId === team.hostOrganizationId)?.name ??
    t('team.host.unknown');
  const status = team.hostOrganizationStatus;
  const mayChoose = isLeader && status !== 'confirmed';
  const chosen = choice ?? (status === 'declined' ? ALONE : current);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="team-host">
      <Group justify="space-between" wrap="wrap" align="flex-start" mb="xs">
        <Title order={2} size="h3" id="team-host">
          {t('team.host.title')}
        </Title>
        <StatusBadge tone={HOST_TONE[status]} data-testid="host-status">
          {t(`team.host.status.${status}`)}
        </StatusBadge>
      </Group>
      <Text mb={mayChoose ? 'sm' : 0}>
        {status === 'none'
          ? t('team.host.aloneText')
          : status === 'declined'
            ? t('team.host.declined', {
                name,
                reason: t(`team.host.declineReason.${team.hostDeclineReason ?? 'other'}`),
              })
            : t(`team.host.${status}`, { name })}
      </Text>
      {mayChoose && hosts.data ? (
        <Stack gap="sm">
          <HostChoice hosts={hosts.data} value={chosen} onChange={setChoice} />
          <Text size="sm" c="dimmed">
            {t('team.host.hint')}
          </Text>
          <ProblemAlert error={save.error} />
          <Button
            w="fit-content"
            variant="default"
            disabled={chosen === current && status !== 'declined'}
            loading={save.isPending}
            onClick={() => save.mutate(chosen === ALONE ? null : chosen)}
          >
            {t('team.host.save')}
          </Button>
        </Stack>
      ) : null}
    </Card>
  );
}
