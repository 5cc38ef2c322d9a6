import { Alert, Button, Card, Checkbox, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { COMPETITIONS_KEY, type RegionId } from '../rounds/queries';

/**
 * The committee that scores the region's applications: chosen among the committee members of the region who have
 * joined the reviewers registry (the review workspace enrols them when they open it). Until a committee is
 * assigned every committee member of the region may score; once it is, competitions refuses the others.
 */
export function CommitteeCard({ roundId, region }: { roundId: string; region: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const path = { roundId, region: region as RegionId };
  const reviewers = useQuery({
    queryKey: ['applications', 'reviewers', roundId, region],
    queryFn: () =>
      unwrap(api.applications.GET('/rounds/{roundId}/regions/{region}/reviewers', { params: { path } })),
  });
  const committee = useQuery({
    queryKey: [...COMPETITIONS_KEY, 'host-committee', roundId, region],
    queryFn: () =>
      unwrap(api.competitions.GET('/rounds/{roundId}/regions/{region}/host-committee', { params: { path } })),
  });
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const members = (reviewers.data?.items ?? []).filter((reviewer) => reviewer.kind === 'committee');
  const selected = chosen ?? [...(committee.data?.memberIds ?? [])];
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await unwrap(
        api.competitions.PUT('/rounds/{roundId}/regions/{region}/host-committee', {
          params: { path },
          body: { memberIds: selected },
        }),
      );
      setChosen(null);
      await queryClient.invalidateQueries({ queryKey: [...COMPETITIONS_KEY, 'host-committee'] });
    } catch (problem) {
      setError(problem);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="host-committee-title">
      <Title order={2} size="h3" mb="sm" id="host-committee-title">
        {t('coordRound.committee.title')}
      </Title>
      <ProblemAlert error={reviewers.error ?? committee.error} />
      {reviewers.isPending || committee.isPending ? (
        <Loader size="sm" aria-label={t('common.loading')} />
      ) : null}
      {committee.data && reviewers.data ? (
        <Stack gap="sm">
          <Text size="sm" data-testid="committee-state">
            {committee.data.assigned
              ? t('coordRound.committee.assigned', { count: committee.data.memberIds.length })
              : t('coordRound.committee.unassigned')}
          </Text>
          {members.length === 0 ? (
            <Alert color="blue">{t('coordRound.committee.none')}</Alert>
          ) : (
            <Checkbox.Group
              label={t('coordRound.committee.members')}
              value={selected}
              onChange={(value) => setChosen(value)}
            >
              <Stack gap={6} mt={4}>
                {members.map((member) => (
                  <Checkbox key={member.reviewerId} value={member.reviewerId} label={member.name} />
                ))}
              </Stack>
            </Checkbox.Group>
          )}
          <ProblemAlert error={error} />
          {members.length > 0 ? (
            <Button
              w="fit-content"
              variant="default"
              loading={saving}
              disabled={chosen === null || selected.length === 0}
              onClick={() => void save()}
            >
              {t('coordRound.committee.save')}
            </Button>
          ) : null}
        </Stack>
      ) : null}
    </Card>
  );
}
