import { Alert, Anchor, Card, Grid, List, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { problemSlug, ProblemError } from '../../api/problems';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { InstantText, regionName, Tenge } from '../coordinator/common';
import { ConflictCard } from './ConflictCard';
import { REVIEW_KEY, type ReviewSheet, useReviewSheet } from './queries';
import { type QueueNotice } from './QueueScreen';
import { RubricForm, type Scores, SubmittedScores } from './RubricForm';
import { SHEET_SHORTCUTS, ShortcutHelp } from './ShortcutHelp';

/**
 * One bid as its reviewer scores it: the bid on one side, the rubric on the other (under it on a phone). The
 * service gives the team's names only when the round does not review blind, and hides a bid the reviewer declared
 * a conflict on.
 */
export default function BidReviewScreen() {
  const { t } = useTranslation();
  const { bidId = '' } = useParams();
  const sheet = useReviewSheet(bidId);
  const back = (
    <Anchor component={Link} to="/review" size="sm">
      {t('review.backToQueue')}
    </Anchor>
  );
  if (sheet.isPending) return <Loader aria-label={t('common.loading')} />;
  if (!sheet.data) {
    const hidden =
      sheet.error instanceof ProblemError && problemSlug(sheet.error.problem) === 'conflict-of-interest';
    return (
      <>
        <PageTitle>{t('review.sheet.unavailable')}</PageTitle>
        <Stack gap="sm">
          {hidden ? <Alert color="yellow">{t('review.sheet.hiddenByConflict')}</Alert> : null}
          {hidden ? null : <ProblemAlert error={sheet.error} />}
          {back}
        </Stack>
      </>
    );
  }
  return <Sheet sheet={sheet.data} back={back} />;
}

function Sheet({ sheet, back }: { sheet: ReviewSheet; back: ReactNode }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const path = { params: { path: { bidId: sheet.bidId } } };
  const refresh = () => queryClient.invalidateQueries({ queryKey: REVIEW_KEY });
  const toRubric = (scores: Scores) =>
    scores.map((entry) => ({ code: entry.code, score: entry.score, comment: entry.comment }));

  return (
    <>
      <PageTitle>{t('review.sheet.title', { number: sheet.registrationNumber })}</PageTitle>
      <Stack gap="md">
        <Stack gap={4}>
          {back}
          <Text size="sm">
            {regionName(t, sheet.region)} · {t('review.queue.due')}{' '}
            <InstantText value={sheet.dueAt ?? undefined} />
          </Text>
        </Stack>
        {sheet.blind ? (
          <Alert color="blue" title={t('review.sheet.blindTitle')} data-testid="blind-notice">
            {t('review.sheet.blindText')}
          </Alert>
        ) : null}
        <ShortcutHelp keys={SHEET_SHORTCUTS} />
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <BidContent sheet={sheet} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Stack gap="md">
              {sheet.review ? (
                <SubmittedScores
                  criteria={sheet.criteria}
                  scores={sheet.review.criteria}
                  totalScore={sheet.review.totalScore}
                  at={sheet.review.reviewedAt}
                />
              ) : (
                <>
                  <ConflictCard
                    withReason
                    onDeclare={async (reason) => {
                      await unwrap(
                        api.applications.POST('/bids/{bidId}/conflicts', { ...path, body: { reason } }),
                      );
                      // Marked stale, not refetched here: the sheet is hidden now; the queue reads itself again.
                      void queryClient.invalidateQueries({ queryKey: REVIEW_KEY, refetchType: 'none' });
                      const notice: QueueNotice = { left: sheet.registrationNumber };
                      await navigate('/review', { state: notice });
                    }}
                  />
                  <RubricForm
                    criteria={sheet.criteria}
                    draft={sheet.draft?.criteria}
                    savedAt={sheet.draft?.savedAt}
                    onSaveDraft={async (scores) => {
                      await unwrap(
                        api.applications.PUT('/bids/{bidId}/reviews/mine/draft', {
                          ...path,
                          body: { criteria: toRubric(scores) },
                        }),
                      );
                      await refresh();
                    }}
                    onSubmit={async (scores) => {
                      await unwrap(
                        api.applications.POST('/bids/{bidId}/reviews', {
                          ...path,
                          // Every score is sent as it stands: the service names any criterion left unscored.
                          body: {
                            criteria: toRubric(scores) as { code: string; score: number; comment: string }[],
                          },
                        }),
                      );
                      await refresh();
                    }}
                  />
                </>
              )}
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>
    </>
  );
}

/** The bid as the team submitted it (and its team, unless the round reviews blind). */
function BidContent({ sheet }: { sheet: ReviewSheet }) {
  const { t } = useTranslation();
  const content = sheet.content;
  const field = (key: string) => t(`bid.fields.${key}`);
  const section = (key: string, value: string) => (
    <div>
      <Title order={3} size="h5">
        {field(key)}
      </Title>
      <Text style={{ whiteSpace: 'pre-wrap' }}>{value || '—'}</Text>
    </div>
  );
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="bid-title">
      <Title order={2} size="h3" id="bid-title" mb="sm">
        {content.title || t('review.untitled')}
      </Title>
      <Stack gap="sm">
        {section('problem', content.problem)}
        {section('goal', content.goal)}
        {section('beneficiaries', content.beneficiaries)}
        <Text size="sm">
          {field('plannedBeneficiaries')}: {content.plannedBeneficiaries ?? '—'} · {field('durationMonths')}:{' '}
          {content.durationMonths === null
            ? '—'
            : t('review.sheet.months', { count: content.durationMonths })}
        </Text>
        <div>
          <Title order={3} size="h5">
            {field('activities')}
          </Title>
          <List size="sm">
            {content.activities.map((activity, index) => (
              <List.Item key={index}>
                {t('review.sheet.month', { month: activity.month })}: {activity.description}
              </List.Item>
            ))}
          </List>
        </div>
        <Table.ScrollContainer minWidth={320}>
          <Table withTableBorder fz="sm">
            <Table.Caption>{field('budgetLines')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('bid.category')}</Table.Th>
                <Table.Th scope="col">{t('bid.amount')}</Table.Th>
                <Table.Th scope="col">{t('bid.note')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {content.budgetLines.map((line, index) => (
                <Table.Tr key={index}>
                  <Table.Td>{t(`bid.categories.${line.category}`)}</Table.Td>
                  <Table.Td>
                    <Tenge amount={line.amountKzt} />
                  </Table.Td>
                  <Table.Td>{line.note}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Text size="sm" fw={600}>
          {field('requestedAmountKzt')}:{' '}
          {content.requestedAmountKzt === null ? '—' : <Tenge amount={content.requestedAmountKzt} />}
        </Text>
        {sheet.team ? (
          <div>
            <Title order={3} size="h5">
              {t('review.sheet.team')}
            </Title>
            <List size="sm">
              {sheet.team.members.map((member) => (
                <List.Item key={member.name}>
                  {member.name}
                  {member.leader ? ` (${t('review.sheet.leader')})` : ''}
                </List.Item>
              ))}
            </List>
          </div>
        ) : null}
      </Stack>
    </Card>
  );
}
