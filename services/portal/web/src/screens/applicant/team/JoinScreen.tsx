import { Alert, Button, Card, Group, List, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api, unwrap } from '../../../api/client';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { TEAMS_KEY } from './useMyTeam';

/**
 * Joining a team with the code (or link) its leader shared: the team is shown first, with whether the person may
 * join and why not, as the applications service answers; joining is one tap, and a repeated tap joins once.
 */
export default function JoinScreen() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { code = '' } = useParams();
  const [typed, setTyped] = useState(code);
  const preview = useQuery({
    queryKey: ['team-invitations', code],
    enabled: code !== '',
    retry: false,
    queryFn: () => unwrap(api.applications.GET('/team-invitations/{code}', { params: { path: { code } } })),
  });
  const join = useMutation({
    mutationFn: () =>
      unwrap(api.applications.POST('/team-invitations/{code}/accept', { params: { path: { code } } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: TEAMS_KEY });
      await navigate('/applicant/team');
    },
  });
  const look = (event: FormEvent) => {
    event.preventDefault();
    const cleaned = typed.trim();
    if (cleaned) void navigate(`/applicant/join/${encodeURIComponent(cleaned)}`);
  };
  const found = preview.data;
  return (
    <>
      <PageTitle>{t('team.joinTitle')}</PageTitle>
      <form onSubmit={look} noValidate>
        <Group align="flex-end" mb="lg">
          <TextInput
            id="field-code"
            label={t('team.code')}
            description={t('team.codeHint')}
            value={typed}
            onChange={(event) => setTyped(event.currentTarget.value)}
            autoComplete="off"
            autoCapitalize="characters"
            maw={260}
          />
          <Button type="submit" variant="default">
            {t('team.findTeam')}
          </Button>
        </Group>
      </form>
      {preview.isFetching ? <Loader aria-label={t('common.loading')} /> : null}
      <ProblemAlert error={preview.error} />
      {found ? (
        <Card withBorder padding="lg" component="section" aria-labelledby="invitation">
          <Title order={2} size="h3" mb="xs" id="invitation">
            {t('team.invitationOf', { name: found.leaderName })}
          </Title>
          <Stack gap={4} mb="md">
            <Text>{t(`regions.${found.region}`, { defaultValue: found.region })}</Text>
            <Text>
              {t('team.size', { n: found.memberCount, min: found.teamSize.min, max: found.teamSize.max })}
            </Text>
          </Stack>
          {found.alreadyMember ? <Alert color="teal">{t('team.alreadyMember')}</Alert> : null}
          {!found.registered ? <Alert color="blue">{t('applicant.notRegistered')}</Alert> : null}
          {found.bidSubmitted ? <Alert color="blue">{t('team.bidSubmitted')}</Alert> : null}
          {found.reasons.length > 0 ? (
            <Alert color="red" title={t('team.cannotJoin')}>
              <List size="sm">
                {found.reasons.map((reason) => (
                  <List.Item key={reason}>{t(`bid.reasons.${reason}`)}</List.Item>
                ))}
              </List>
            </Alert>
          ) : null}
          <ProblemAlert error={join.error} />
          {!found.alreadyMember && found.registered && found.reasons.length === 0 && !found.bidSubmitted ? (
            <Button mt="md" w="fit-content" onClick={() => join.mutate()} loading={join.isPending}>
              {t('team.join')}
            </Button>
          ) : null}
        </Card>
      ) : null}
    </>
  );
}
