import { Alert, Button, Loader, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../../api/client';
import { ProblemError } from '../../../api/problems';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { usePublishedRounds } from '../rounds/useRounds';
import { useMyTeam } from '../team/useMyTeam';
import { BidForm } from './BidForm';
import { BidStatus } from './BidStatus';
import { type Bid } from './content';

export const bidKey = (bidId: string) => ['bids', bidId] as const;

/** The team's one bid: "My bid" (its status over time, what to fix, the outcome) and, while it is editable, the form. */
export default function BidScreen() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { team, isLeader, teams } = useMyTeam();
  const rounds = usePublishedRounds();
  const bidId = team?.bidId ?? '';
  const bid = useQuery({
    queryKey: bidKey(bidId),
    enabled: bidId !== '',
    retry: false,
    queryFn: async (): Promise<Bid | null> => {
      try {
        return await unwrap(api.applications.GET('/bids/{bidId}', { params: { path: { bidId } } }));
      } catch (error) {
        // Not started yet: the leader starts it.
        if (error instanceof ProblemError && error.problem.status === 404) return null;
        throw error;
      }
    },
  });
  const start = useMutation({
    mutationFn: () => unwrap(api.applications.POST('/bids', { body: { teamId: team?.teamId ?? '' } })),
    onSuccess: (started) => queryClient.setQueryData(bidKey(started.bidId), started),
  });
  const round = rounds.data?.items.find((candidate) => candidate.roundId === team?.roundId);

  return (
    <>
      <PageTitle>{t('bid.title')}</PageTitle>
      {teams.isPending || bid.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {teams.data && !team ? (
        <Alert color="blue">
          <Text mb="sm">{t('bid.noTeam')}</Text>
          <Button component={Link} to="/applicant/team">
            {t('nav.team')}
          </Button>
        </Alert>
      ) : null}
      <ProblemAlert error={bid.error ?? start.error} />
      {bid.data === null ? (
        isLeader ? (
          <Alert color="blue">
            <Text mb="sm">{t('bid.notStarted')}</Text>
            <Button onClick={() => start.mutate()} loading={start.isPending}>
              {t('bid.start')}
            </Button>
          </Alert>
        ) : (
          <Alert color="blue">{t('bid.leaderStarts')}</Alert>
        )
      ) : null}
      {bid.data ? (
        <>
          <BidStatus bid={bid.data} qualifyingScore={round?.rules?.qualifyingScore ?? null} />
          {bid.data.status === 'draft' || bid.data.status === 'check-failed' ? (
            <BidForm
              // A new submission gives the form a new starting version.
              key={`${bid.data.bidId}:${bid.data.submissionNumber}`}
              bid={bid.data}
              isLeader={isLeader}
              ceilingKzt={round?.rules?.grantCeilingKzt ?? null}
              maxMonths={round?.rules?.projectDurationMonths ?? 12}
              onSubmitted={(submitted) => queryClient.setQueryData(bidKey(submitted.bidId), submitted)}
            />
          ) : null}
        </>
      ) : null}
    </>
  );
}
