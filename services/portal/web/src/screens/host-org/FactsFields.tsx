import {
  ActionIcon,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  NumberInput,
  Stack,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { regionName } from '../coordinator/common';
import { DOCUMENT_KINDS, type DocumentKind, type FactsForm } from './facts';

const FLAGS = ['hasBankAccount', 'operatesInRegion', 'hasTaxDebt', 'onUnreliableSupplierList'] as const;

/**
 * The application's fields: region, experience and capacity, the eligibility declarations, and the documents the
 * organization holds (kind and number/date). Each field has the id a problem document's field links to.
 */
export function FactsFields(props: {
  form: FactsForm;
  regions: readonly string[];
  errors: Record<string, string>;
  onChange: (form: FactsForm) => void;
}) {
  const { t } = useTranslation();
  const { form, errors, onChange } = props;
  const set = <K extends keyof FactsForm>(key: K, value: FactsForm[K]) => onChange({ ...form, [key]: value });
  const setDocument = (index: number, patch: Partial<FactsForm['documents'][number]>) =>
    set(
      'documents',
      form.documents.map((document, at) => (at === index ? { ...document, ...patch } : document)),
    );
  const number = (value: string | number): number | '' =>
    typeof value === 'number' ? value : value.trim() === '' ? '' : Number(value);
  return (
    <Stack gap="md">
      <NativeSelect
        id="field-region"
        label={t('hostOrg.fields.region')}
        value={form.region}
        onChange={(event) => set('region', event.currentTarget.value)}
        data={props.regions.map((region) => ({ value: region, label: regionName(t, region) }))}
        error={errors.region}
      />
      <Group grow align="flex-start" wrap="wrap">
        <NumberInput
          id="field-facts.youthExperienceYears"
          label={t('hostOrg.fields.youthExperienceYears')}
          min={0}
          max={100}
          allowDecimal={false}
          value={form.youthExperienceYears}
          onChange={(value) => set('youthExperienceYears', number(value))}
          error={errors['facts.youthExperienceYears']}
          miw={220}
        />
        <NumberInput
          id="field-facts.capacityTeams"
          label={t('hostOrg.fields.capacityTeams')}
          min={1}
          max={1000}
          allowDecimal={false}
          value={form.capacityTeams}
          onChange={(value) => set('capacityTeams', number(value))}
          error={errors['facts.capacityTeams']}
          miw={220}
        />
      </Group>
      <Fieldset legend={t('hostOrg.application.declarations')}>
        <Stack gap="xs">
          {FLAGS.map((flag) => (
            <Checkbox
              key={flag}
              id={`field-facts.${flag}`}
              label={t(`hostOrg.fields.${flag}`)}
              checked={form[flag]}
              onChange={(event) => set(flag, event.currentTarget.checked)}
              error={errors[`facts.${flag}`]}
            />
          ))}
        </Stack>
      </Fieldset>
      <Fieldset legend={t('hostOrg.fields.documents')}>
        <Stack gap="sm">
          {form.documents.map((document, index) => (
            <Group key={index} align="flex-end" wrap="wrap" gap="xs">
              <NativeSelect
                id={`field-facts.documents.${index}.kind`}
                label={t('hostOrg.fields.kind')}
                value={document.kind}
                onChange={(event) => setDocument(index, { kind: event.currentTarget.value as DocumentKind })}
                data={DOCUMENT_KINDS.map((kind) => ({ value: kind, label: t(`hostOrg.documents.${kind}`) }))}
              />
              <TextInput
                id={`field-facts.documents.${index}.reference`}
                label={t('hostOrg.fields.reference')}
                placeholder={t('hostOrg.application.referenceExample')}
                value={document.reference}
                onChange={(event) => setDocument(index, { reference: event.currentTarget.value })}
                error={errors[`facts.documents.${index}.reference`]}
                style={{ flex: 1, minWidth: 200 }}
              />
              <ActionIcon
                variant="default"
                size="lg"
                mb={4}
                aria-label={t('hostOrg.application.removeDocument', { number: index + 1 })}
                onClick={() =>
                  set(
                    'documents',
                    form.documents.filter((_, at) => at !== index),
                  )
                }
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          <Button
            variant="default"
            w="fit-content"
            onClick={() =>
              set('documents', [...form.documents, { kind: 'state-registration', reference: '' }])
            }
          >
            {t('hostOrg.application.addDocument')}
          </Button>
        </Stack>
      </Fieldset>
    </Stack>
  );
}
