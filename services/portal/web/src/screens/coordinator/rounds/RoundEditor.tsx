import { Checkbox, Fieldset, SimpleGrid, Table, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { regionName } from '../common';
import { type QuotaRow, type RoundForm } from './roundForm';

type TextField = Exclude<keyof RoundForm, 'blindReview' | 'quotas'>;

/** Each text field of the editor with the path the service names it by (its problems link to the input). */
const FIELDS: Record<TextField, { path: string; type?: string; inputMode?: 'numeric' }> = {
  year: { path: 'year', inputMode: 'numeric' },
  titleKk: { path: 'title.kk' },
  titleRu: { path: 'title.ru' },
  titleEn: { path: 'title.en' },
  hostOpensAt: { path: 'hostApplicationWindow.opensAt', type: 'datetime-local' },
  hostClosesAt: { path: 'hostApplicationWindow.closesAt', type: 'datetime-local' },
  youthOpensAt: { path: 'youthApplicationWindow.opensAt', type: 'datetime-local' },
  youthClosesAt: { path: 'youthApplicationWindow.closesAt', type: 'datetime-local' },
  grantCeilingKzt: { path: 'rules.grantCeilingKzt', inputMode: 'numeric' },
  projectDurationMonths: { path: 'rules.projectDurationMonths', inputMode: 'numeric' },
  ageMin: { path: 'rules.ageRange.min', inputMode: 'numeric' },
  ageMax: { path: 'rules.ageRange.max', inputMode: 'numeric' },
  teamMin: { path: 'rules.teamSize.min', inputMode: 'numeric' },
  teamMax: { path: 'rules.teamSize.max', inputMode: 'numeric' },
  qualifyingScore: { path: 'rules.qualifyingScore', inputMode: 'numeric' },
  tranchePercentages: { path: 'rules.tranchePercentages' },
  stipendGraduate: { path: 'rules.stipendMonthlyKzt.graduate', inputMode: 'numeric' },
  stipendOther: { path: 'rules.stipendMonthlyKzt.other', inputMode: 'numeric' },
  minYearsRegistered: { path: 'rules.hostEligibility.minYearsRegistered', inputMode: 'numeric' },
  minYearsYouthExperience: { path: 'rules.hostEligibility.minYearsYouthExperience', inputMode: 'numeric' },
};

const GROUPS: readonly { legend: string; fields: readonly TextField[] }[] = [
  { legend: 'coordRound.editor.general', fields: ['year', 'titleKk', 'titleRu', 'titleEn'] },
  {
    legend: 'coordRound.editor.windows',
    fields: ['hostOpensAt', 'hostClosesAt', 'youthOpensAt', 'youthClosesAt'],
  },
  {
    legend: 'coordRound.editor.rules',
    fields: [
      'grantCeilingKzt',
      'projectDurationMonths',
      'ageMin',
      'ageMax',
      'teamMin',
      'teamMax',
      'qualifyingScore',
      'tranchePercentages',
      'stipendGraduate',
      'stipendOther',
      'minYearsRegistered',
      'minYearsYouthExperience',
    ],
  },
];

/**
 * The round's content as a form: editable while a draft (or while a new version is prepared), read-only once
 * published (read-only fields, not disabled ones: they stay reachable by keyboard and readable). Labels say the
 * unit; windows are in Kazakhstan's time. The service checks every value.
 */
export function RoundEditor(props: {
  form: RoundForm;
  onChange: (form: RoundForm) => void;
  readOnly: boolean;
  fieldErrors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const { form, readOnly } = props;
  const set = (field: TextField, value: string) => props.onChange({ ...form, [field]: value });
  const setQuota = (index: number, change: Partial<QuotaRow>) =>
    props.onChange({
      ...form,
      quotas: form.quotas.map((quota, at) => (at === index ? { ...quota, ...change } : quota)),
    });
  return (
    <>
      {GROUPS.map((group) => (
        <Fieldset key={group.legend} legend={t(group.legend)}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {group.fields.map((field) => {
              const { path, type, inputMode } = FIELDS[field];
              return (
                <TextInput
                  key={field}
                  id={`field-${path}`}
                  label={t(`coordRound.field.${path.replaceAll('.', '_')}`)}
                  type={type ?? 'text'}
                  inputMode={inputMode}
                  value={form[field]}
                  readOnly={readOnly}
                  error={props.fieldErrors[path]}
                  onChange={(event) => set(field, event.currentTarget.value)}
                />
              );
            })}
          </SimpleGrid>
          {group.legend === 'coordRound.editor.rules' ? (
            <Checkbox
              mt="sm"
              id="field-rules.blindReview"
              label={t('coordRound.field.rules_blindReview')}
              checked={form.blindReview}
              disabled={readOnly}
              onChange={(event) => props.onChange({ ...form, blindReview: event.currentTarget.checked })}
            />
          ) : null}
        </Fieldset>
      ))}
      <Fieldset legend={t('coordRound.editor.quotas')}>
        <Table.ScrollContainer minWidth={360}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('coordinator.filters.region')}</Table.Th>
                <Table.Th>{t('coordRound.field.rules_regionQuotas_hostOrganizationSeats')}</Table.Th>
                <Table.Th>{t('coordRound.field.rules_regionQuotas_projectQuota')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {form.quotas.map((quota, index) => (
                <Table.Tr key={quota.region}>
                  <Table.Td>{regionName(t, quota.region)}</Table.Td>
                  <Table.Td>
                    <TextInput
                      id={`field-rules.regionQuotas.${index}.hostOrganizationSeats`}
                      aria-label={`${t('coordRound.field.rules_regionQuotas_hostOrganizationSeats')}: ${regionName(t, quota.region)}`}
                      inputMode="numeric"
                      value={quota.seats}
                      readOnly={readOnly}
                      error={props.fieldErrors[`rules.regionQuotas.${index}.hostOrganizationSeats`]}
                      onChange={(event) => setQuota(index, { seats: event.currentTarget.value })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      id={`field-rules.regionQuotas.${index}.projectQuota`}
                      aria-label={`${t('coordRound.field.rules_regionQuotas_projectQuota')}: ${regionName(t, quota.region)}`}
                      inputMode="numeric"
                      value={quota.projectQuota}
                      readOnly={readOnly}
                      error={props.fieldErrors[`rules.regionQuotas.${index}.projectQuota`]}
                      onChange={(event) => setQuota(index, { projectQuota: event.currentTarget.value })}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Fieldset>
    </>
  );
}
