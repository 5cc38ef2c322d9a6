import { Alert, Anchor, Badge, Card, Grid, List, Loader, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { InstantText, regionName } from '../coordinator/common';
import { ConflictCard } from './ConflictCard';
import { OrganizationName } from './HostQueueScreen';
import { type HostApplication, REVIEW_KEY, useHostApplication, useRound } from './queries';
import { RubricForm, type Scores, SubmittedScores } from './RubricForm';
import { SHEET_SHORTCUTS, ShortcutHelp } from './ShortcutHelp';

/**
 * A committee member scores a host organization's application with the round's host-organization rubric, the same
 * way reviewers score bids: the application on one side, the rubric on the other, a draft, a confirmed submission.
 */
export default function HostScoreScreen() {
  const { t } = useTranslation();
  const { hostApplicationId = '' } = useParams();
  const application = useHostApplication(hostApplicationId);
  const round = useRound(application.data?.roundId);
  const back = (
    <Anchor component={Link} to="/review/host-applications" size="sm">
      {t('review.host.back')}
    </Anchor>
  );
  if (application.isPending || (application.data && round.isPending)) {
    return <Loader aria-label={t('common.loading')} />;
  }
  if (!application.data || !round.data) {
    return (
      <>
        <PageTitle>{t('review.sheet.unavailable')}</PageTitle>
        <Stack gap="sm">
          <ProblemAlert error={application.error ?? round.error} />
          {back}
        </Stack>
      </>
    );
  }
  return (
    <Scoring
      application={application.data}
      criteria={round.data.rules?.hostOrganizationCriteria ?? []}
      back={back}
    />
  );
}

function Scoring(props: {
  application: HostApplication;
  criteria: readonly { code: string; weightPercent: number }[];
  back: ReactNode;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { application } = props;
  const path = { params: { path: { hostApplicationId: application.hostApplicationId } } };
  const refresh = () => queryClient.invalidateQueries({ queryKey: REVIEW_KEY });
  return (
    <>
      <PageTitle>{t('review.host.scoreTitle')}</PageTitle>
      <Stack gap="md">
        <Stack gap={4}>
          {props.back}
          <Text size="sm">{regionName(t, application.region)}</Text>
        </Stack>
        <ShortcutHelp keys={SHEET_SHORTCUTS} />
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <ApplicationContent application={application} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Stack gap="md">
              {application.myConflictDeclared ? (
                <Alert color="yellow">{t('review.host.abstained')}</Alert>
              ) : application.myScore ? (
                <SubmittedScores
                  criteria={props.criteria}
                  scores={application.myScore.criteria}
                  totalScore={undefined}
                  at={application.myScore.scoredAt}
                />
              ) : (
                <>
                  <ConflictCard
                    withReason={false}
                    onDeclare={async () => {
                      await unwrap(
                        api.competitions.POST('/host-applications/{hostApplicationId}/conflicts', path),
                      );
                      await refresh();
                    }}
                  />
                  <RubricForm
                    criteria={props.criteria}
                    draft={application.myDraft?.criteria}
                    savedAt={application.myDraft?.savedAt}
                    onSaveDraft={async (scores: Scores) => {
                      await unwrap(
                        api.competitions.PUT('/host-applications/{hostApplicationId}/scores/me/draft', {
                          ...path,
                          body: { criteria: scores.map((entry) => ({ ...entry })) },
                        }),
                      );
                      await refresh();
                    }}
                    onSubmit={async (scores: Scores) => {
                      await unwrap(
                        api.competitions.PUT('/host-applications/{hostApplicationId}/scores/me', {
                          ...path,
                          // Every score as it stands: the service names any criterion left unscored.
                          body: {
                            scores: scores.map((entry) => ({
                              code: entry.code,
                              score: entry.score as number,
                              comment: entry.comment,
                            })),
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

/** What the organization declared, the documents it holds, and the eligibility decided at submission. */
function ApplicationContent({ application }: { application: HostApplication }) {
  const { t } = useTranslation();
  const facts = application.facts;
  const yesNo = (value: boolean | undefined) =>
    value === undefined ? '—' : t(value ? 'review.host.yes' : 'review.host.no');
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="application-title">
      <Title order={2} size="h3" id="application-title" mb="sm">
        <OrganizationName organizationId={application.hostOrganizationId} />
      </Title>
      <Stack gap="sm">
        <Text size="sm">
          {t('review.host.submitted')} <InstantText value={application.submittedAt} />{' '}
          {application.eligibility ? (
            <Badge variant="default">
              {t(`review.host.eligibility.${application.eligibility.decision}`)}
            </Badge>
          ) : null}
        </Text>
        <List size="sm">
          <List.Item>
            {t('review.host.facts.youthExperienceYears')}: {facts.youthExperienceYears ?? '—'}
          </List.Item>
          <List.Item>
            {t('review.host.facts.capacityTeams')}: {facts.capacityTeams ?? '—'}
          </List.Item>
          <List.Item>
            {t('review.host.facts.operatesInRegion')}: {yesNo(facts.operatesInRegion)}
          </List.Item>
          <List.Item>
            {t('review.host.facts.hasBankAccount')}: {yesNo(facts.hasBankAccount)}
          </List.Item>
          <List.Item>
            {t('review.host.facts.hasTaxDebt')}: {yesNo(facts.hasTaxDebt)}
          </List.Item>
        </List>
        <div>
          <Title order={3} size="h5">
            {t('review.host.documents')}
          </Title>
          {facts.documents.length === 0 ? (
            <Text size="sm">{t('review.host.noDocuments')}</Text>
          ) : (
            <List size="sm">
              {facts.documents.map((document, index) => (
                <List.Item key={index}>
                  {t(`review.host.documentKind.${document.kind}`)}: {document.reference}
                </List.Item>
              ))}
            </List>
          )}
        </div>
      </Stack>
    </Card>
  );
}
