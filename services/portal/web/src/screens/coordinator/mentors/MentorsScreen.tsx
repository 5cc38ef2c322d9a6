import { Alert, Anchor, Group, Loader, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { EXPERTISE_AREAS } from '../../mentor/profile';
import { LoadMore, RegionSelect, regionName } from '../common';
import { useMentors } from './queries';

/** The mentors of the coordinator's regions, by region and expertise, with how many projects each has room for. */
export default function MentorsScreen() {
  const { t } = useTranslation();
  const [region, setRegion] = useState('');
  const [expertise, setExpertise] = useState('');
  const mentors = useMentors({ region, expertise });
  const items = mentors.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <PageTitle>{t('mentors.registry.title')}</PageTitle>
      <Stack gap="md">
        <Text maw={720}>{t('mentors.registry.lead')}</Text>
        <Group align="end" wrap="wrap">
          <RegionSelect value={region} onChange={setRegion} />
          <NativeSelect
            label={t('mentors.fields.expertise')}
            value={expertise}
            onChange={(event) => setExpertise(event.currentTarget.value)}
            data={[
              { value: '', label: t('mentors.registry.anyExpertise') },
              ...EXPERTISE_AREAS.map((value) => ({ value, label: t(`mentors.expertise.${value}`) })),
            ]}
          />
        </Group>
        <ProblemAlert error={mentors.error} />
        {mentors.isPending ? <Loader aria-label={t('common.loading')} /> : null}
        {mentors.data && items.length === 0 ? <Alert color="blue">{t('mentors.registry.none')}</Alert> : null}
        {items.length > 0 ? (
          <Table.ScrollContainer minWidth={640}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('mentors.fields.fullName')}</Table.Th>
                  <Table.Th>{t('mentors.fields.regions')}</Table.Th>
                  <Table.Th>{t('mentors.fields.expertise')}</Table.Th>
                  <Table.Th>{t('mentors.registry.capacity')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((mentor) => (
                  <Table.Tr key={mentor.mentorId}>
                    <Table.Td>
                      <Anchor component={Link} to={`/coordinator/mentors/${mentor.mentorId}`}>
                        {mentor.fullName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{mentor.regions.map((id) => regionName(t, id)).join(', ')}</Table.Td>
                    <Table.Td>
                      {mentor.expertise.map((area) => t(`mentors.expertise.${area}`)).join(', ')}
                    </Table.Td>
                    <Table.Td>
                      {t('mentors.registry.load', {
                        used: mentor.projects.length,
                        total: mentor.capacity,
                      })}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
        <LoadMore
          hasNext={mentors.hasNextPage}
          loading={mentors.isFetchingNextPage}
          onClick={() => void mentors.fetchNextPage()}
        />
        <Text size="sm" c="dimmed">
          {t('mentors.registry.selfRegistered')}
        </Text>
      </Stack>
    </>
  );
}
