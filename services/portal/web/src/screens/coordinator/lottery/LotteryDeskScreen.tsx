import {
  Alert,
  Anchor,
  Button,
  Card,
  Code,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../../api/client';
import { describeProblem, ProblemError } from '../../../api/problems';
import { AuditTrail, auditTrailKey, KEYBOARD_SCROLL } from '../../../components/AuditTrail';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { StatusBadge } from '../../../components/StatusBadge';
import { ConfirmAction, InstantText, LoadMore, regionName } from '../common';
import { RoundChoice, useRoundChoice } from '../pipeline/RoundChoice';
import { OutcomesCard } from './OutcomesCard';

const PAGE = 25;

export const preparationKey = (roundId: string, region: string) =>
  ['applications', 'lottery-preparation', roundId, region] as const;

/** 16 random bytes as hex: a seed for a coordinator who has no public source at hand (any 32-128 hex will do). */
function randomSeed(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
}

/**
 * The lottery of one region in its three steps, each asked again and done once: the seed fixed (it never changes),
 * the draw run (candidates frozen with their hash, winners computed, nothing public yet), the draw published (the
 * service then awards the winners and tells the other bids why not). The candidates are shown page by page, by
 * registration number only; once published, the public page that re-runs the draw, and the awards.
 */
export default function LotteryDeskScreen() {
  const { t } = useTranslation();
  const choice = useRoundChoice();
  return (
    <>
      <PageTitle>{t('coordDraw.lottery.title')}</PageTitle>
      <RoundChoice
        roundId={choice.roundId}
        region={choice.region}
        onRound={choice.setRound}
        onRegion={choice.setRegion}
        allRegions={false}
      />
      {choice.roundId && choice.region ? (
        <RegionLottery
          key={`${choice.roundId}/${choice.region}`}
          roundId={choice.roundId}
          region={choice.region}
        />
      ) : (
        <Alert color="blue">{t('coordDraw.pickRoundAndRegion')}</Alert>
      )}
    </>
  );
}

function RegionLottery({ roundId, region }: { roundId: string; region: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const preparation = useInfiniteQuery({
    queryKey: preparationKey(roundId, region),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.applications.GET('/rounds/{roundId}/regions/{region}/lottery/preparation', {
          params: {
            path: { roundId, region },
            query: { limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.candidates.nextCursor ?? undefined,
  });
  const first = preparation.data?.pages[0];
  if (preparation.isPending) return <Loader aria-label={t('common.loading')} />;
  if (!first) return <ProblemAlert error={preparation.error} />;
  const candidates = (preparation.data?.pages ?? []).flatMap((page) => page.candidates.items);
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['applications'] });
    await queryClient.invalidateQueries({ queryKey: auditTrailKey('applications', first.lotteryId) });
  };
  const status = first.status;
  // Once drawn, the list is the one the draw froze (ids and registration numbers; the scores stay with the bids).
  const frozen = status === 'drawn' || status === 'published';
  const tone = status === 'published' ? 'success' : status === 'not-started' ? 'neutral' : 'progress';
  const facts: [string, React.ReactNode][] = [
    [
      t('coordDraw.lottery.step'),
      <StatusBadge key="s" tone={tone} data-testid="lottery-status">
        {t(`coordDraw.lotteryStatus.${status}`)}
      </StatusBadge>,
    ],
    [t('coordDraw.lottery.quota'), first.quota],
    [t('coordDraw.lottery.candidates'), first.candidateCount],
    [t('coordDraw.lottery.inReview'), first.bidsInReview],
    [t('coordDraw.lottery.windowCloses'), <InstantText key="w" value={first.youthWindowClosesAt} />],
  ];
  return (
    <Stack gap="lg">
      <Card withBorder padding="lg" component="section" aria-labelledby="lottery-region">
        <Title order={2} size="h3" mb="sm" id="lottery-region">
          {regionName(t, region)}
        </Title>
        <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm" mb="md">
          {facts.map(([label, value]) => (
            <div key={label}>
              <Text size="sm" c="dimmed">
                {label}
              </Text>
              <Text component="div" fw={600}>
                {value}
              </Text>
            </div>
          ))}
        </SimpleGrid>
        <Text size="sm" c="dimmed">
          {t('coordDraw.lottery.hash')}
        </Text>
        <Code
          block
          mb="sm"
          data-testid="candidate-hash"
          style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}
        >
          {first.candidateListHash}
        </Code>
        {first.seed ? (
          <>
            <Text size="sm" c="dimmed">
              {t('coordDraw.lottery.seed')} (<InstantText value={first.seedFixedAt ?? undefined} />)
            </Text>
            <Code
              block
              mb="sm"
              data-testid="lottery-seed"
              style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}
            >
              {first.seed}
            </Code>
          </>
        ) : null}
        <ProblemAlert error={preparation.error} />
        {status === 'not-started' ? (
          <FixSeed roundId={roundId} region={region} onDone={refresh} />
        ) : status === 'seed-fixed' ? (
          <Group>
            <ConfirmAction
              label={t('coordDraw.lottery.draw')}
              title={t('coordDraw.lottery.draw')}
              onConfirm={async () => {
                await unwrap(
                  api.applications.POST('/lotteries/{lotteryId}/draw', {
                    params: { path: { lotteryId: first.lotteryId } },
                  }),
                );
                await refresh();
              }}
            >
              {t('coordDraw.lottery.drawConfirm', { n: first.candidateCount, quota: first.quota })}
            </ConfirmAction>
          </Group>
        ) : status === 'drawn' ? (
          <Group>
            <ConfirmAction
              label={t('coordDraw.lottery.publish')}
              title={t('coordDraw.lottery.publish')}
              onConfirm={async () => {
                await unwrap(
                  api.applications.POST('/lotteries/{lotteryId}/publish', {
                    params: { path: { lotteryId: first.lotteryId } },
                  }),
                );
                await refresh();
              }}
            >
              {t('coordDraw.lottery.publishConfirm', {
                winners: first.winnerBidIds.length,
                n: first.candidateCount,
              })}
            </ConfirmAction>
          </Group>
        ) : (
          <Group gap="md" wrap="wrap">
            <Text>
              {t('coordDraw.lottery.publishedAt')} <InstantText value={first.publishedAt ?? undefined} />
            </Text>
            <Anchor component={Link} to={`/lottery/${encodeURIComponent(roundId)}/${region}`}>
              {t('coordDraw.lottery.publicPage')}
            </Anchor>
          </Group>
        )}
      </Card>

      <Card withBorder padding="lg" component="section" aria-labelledby="lottery-candidates">
        <Title order={2} size="h3" mb="xs" id="lottery-candidates">
          {t('coordDraw.lottery.candidateList', { n: first.candidateCount })}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t(
            status === 'not-started' || status === 'seed-fixed'
              ? 'coordDraw.lottery.asTheyStand'
              : 'coordDraw.lottery.frozen',
          )}
        </Text>
        {candidates.length === 0 ? <Text c="dimmed">{t('coordDraw.lottery.noCandidates')}</Text> : null}
        {candidates.length > 0 ? (
          <Table.ScrollContainer minWidth={360} scrollAreaProps={KEYBOARD_SCROLL}>
            <Table striped data-testid="lottery-candidates">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('coordDraw.lottery.registrationNumber')}</Table.Th>
                  {frozen ? null : <Table.Th scope="col">{t('coordDraw.lottery.score')}</Table.Th>}
                  <Table.Th scope="col">{t('coordDraw.lottery.result')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {candidates.map((candidate) => (
                  <Table.Tr key={candidate.bidId}>
                    <Table.Td>{candidate.registrationNumber}</Table.Td>
                    {frozen ? null : <Table.Td>{candidate.averageScore ?? '—'}</Table.Td>}
                    <Table.Td>
                      {candidate.winner ? (
                        <StatusBadge tone="success">{t('coordDraw.lottery.winner')}</StatusBadge>
                      ) : frozen ? (
                        t('coordDraw.lottery.notDrawn')
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
        <LoadMore
          hasNext={preparation.hasNextPage}
          loading={preparation.isFetchingNextPage}
          onClick={() => void preparation.fetchNextPage()}
        />
      </Card>

      {status === 'published' ? (
        <OutcomesCard roundId={roundId} region={region} lotteryId={first.lotteryId} />
      ) : null}

      {status === 'not-started' ? null : (
        <AuditTrail
          service="applications"
          aggregateId={first.lotteryId}
          title={t('coordDraw.audit.lotteryTitle')}
        />
      )}
    </Stack>
  );
}

/** The seed, typed (from a public source drawn on the day) or made here, fixed once after a confirmation. */
function FixSeed({
  roundId,
  region,
  onDone,
}: {
  roundId: string;
  region: string;
  onDone: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [seed, setSeed] = useState('');
  const [problem, setProblem] = useState<unknown>(null);
  const fieldError =
    problem instanceof ProblemError ? describeProblem(problem.problem, t).fields['seed'] : undefined;
  return (
    <Stack gap="sm">
      <Group align="end" wrap="wrap">
        <TextInput
          id="field-seed"
          label={t('coordDraw.lottery.seedInput')}
          description={t('coordDraw.lottery.seedHelp')}
          value={seed}
          onChange={(event) => setSeed(event.currentTarget.value.trim())}
          error={fieldError}
          miw={320}
          style={{ flex: 1 }}
          autoComplete="off"
          spellCheck={false}
        />
        <Button variant="default" onClick={() => setSeed(randomSeed())}>
          {t('coordDraw.lottery.makeSeed')}
        </Button>
      </Group>
      <ConfirmAction
        label={t('coordDraw.lottery.fixSeed')}
        title={t('coordDraw.lottery.fixSeed')}
        disabled={seed === ''}
        fieldLabel={(field) => (field === 'seed' ? t('coordDraw.lottery.seedInput') : field)}
        onConfirm={async () => {
          setProblem(null);
          try {
            await unwrap(
              api.applications.PUT('/rounds/{roundId}/regions/{region}/lottery/seed', {
                params: { path: { roundId, region } },
                body: { seed },
              }),
            );
          } catch (error) {
            setProblem(error);
            throw error;
          }
          await onDone();
        }}
      >
        {t('coordDraw.lottery.fixSeedConfirm')} <Code style={{ overflowWrap: 'anywhere' }}>{seed}</Code>
      </ConfirmAction>
    </Stack>
  );
}
