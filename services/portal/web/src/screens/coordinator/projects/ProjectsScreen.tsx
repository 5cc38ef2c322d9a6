import { Alert, Anchor, Badge, Group, Loader, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { LoadMore, RegionSelect, regionName, Tenge } from '../common';
import { useProjects } from '../queries';

const STATUSES = ['opened', 'active', 'completed', 'terminated'] as const;

/** Awarded projects of the coordinator's regions, by region and status, page by page. */
export default function ProjectsScreen() {
  const { t } = useTranslation();
  const [region, setRegion] = useState('');
  const [status, setStatus] = useState('');
  const projects = useProjects({ region, status });
  const items = projects.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <PageTitle>{t('coordinator.projects.title')}</PageTitle>
      <Stack gap="md">
        <Group align="end" wrap="wrap">
          <RegionSelect value={region} onChange={setRegion} />
          <NativeSelect
            label={t('coordinator.filters.status')}
            value={status}
            onChange={(event) => setStatus(event.currentTarget.value)}
            data={[
              { value: '', label: t('coordinator.filters.anyStatus') },
              ...STATUSES.map((value) => ({ value, label: t(`coordinator.projectStatus.${value}`) })),
            ]}
          />
        </Group>
        <ProblemAlert error={projects.error} />
        {projects.isPending ? <Loader aria-label={t('common.loading')} /> : null}
        {projects.data && items.length === 0 ? (
          <Alert color="blue">{t('coordinator.projects.none')}</Alert>
        ) : null}
        {items.length > 0 ? (
          <Table.ScrollContainer minWidth={560}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('coordinator.projects.project')}</Table.Th>
                  <Table.Th>{t('coordinator.filters.region')}</Table.Th>
                  <Table.Th>{t('coordinator.filters.status')}</Table.Th>
                  <Table.Th>{t('coordinator.projects.grant')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((project) => (
                  <Table.Tr key={project.projectId}>
                    <Table.Td>
                      <Anchor component={Link} to={`/coordinator/projects/${project.projectId}`}>
                        {project.bidId}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{regionName(t, project.region)}</Table.Td>
                    <Table.Td>
                      <Badge variant="default">{t(`coordinator.projectStatus.${project.status}`)}</Badge>
                    </Table.Td>
                    <Table.Td>
                      <Tenge amount={project.grantAmountKzt} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
        <LoadMore
          hasNext={projects.hasNextPage}
          loading={projects.isFetchingNextPage}
          onClick={() => void projects.fetchNextPage()}
        />
        <Text size="sm" c="dimmed">
          {t('coordinator.scopeNote')}
        </Text>
      </Stack>
    </>
  );
}
