import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Radio,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { portalFetch } from '../../../api/client';
import { describeProblem, ProblemError } from '../../../api/problems';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { PageTitle } from '../../../components/PageTitle';
import { isLanguage } from '../../../i18n';
import { formatDate } from '../../../i18n/format';
import { SESSION_KEY } from '../../../session';
import { precheckIin } from './iin';
import {
  CONSENT_PURPOSES,
  EDUCATION_LEVELS,
  emptyRegistration,
  type Registration,
  registrationProblems,
  VULNERABILITY_CATEGORIES,
} from './registration';

/**
 * Registering once as a participant (POST /session/participant: the portal registers the person with the
 * applications service and links the account). The IIN is checked here first; birth date and sex come from it and
 * are shown for confirmation; each purpose of data processing has its own consent with its text.
 */
export default function RegisterScreen() {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'ru';
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<Registration>(emptyRegistration);
  // Inline messages for the fields left (or all, once a submission was tried); the summary only after a submission.
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const touch = (field: string) => setTouched((current) => new Set(current).add(field));
  const summary = useRef<HTMLDivElement>(null);
  const set = <K extends keyof Registration>(key: K, value: Registration[K]) =>
    setForm((current) => ({ ...current, [key]: value }));

  const register = useMutation({
    mutationFn: (registration: Registration) =>
      portalFetch<{ participantId: string }>('/session/participant', {
        method: 'POST',
        body: JSON.stringify({
          iin: registration.iin.replace(/\s/g, ''),
          fullName: registration.fullName,
          phone: registration.phone,
          region: registration.region,
          settlement: registration.settlement,
          educationLevel: registration.educationLevel,
          neet: registration.neet,
          vulnerability: registration.vulnerability,
          consents: registration.consents,
        }),
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: SESSION_KEY });
      await navigate('/applicant', { state: { registered: true } });
    },
    onError: () => summary.current?.focus(),
  });

  const iin = precheckIin(form.iin, {
    onDate: new Date().toISOString().slice(0, 10),
    minAge: 14,
    maxAge: 34,
  });
  const own = registrationProblems(form, iin);
  const server =
    register.error instanceof ProblemError ? describeProblem(register.error.problem, t) : undefined;
  const fieldError = (field: string): string | undefined => {
    if (server?.fields[field]) return server.fields[field];
    const problem = submitted || touched.has(field) ? own[field] : undefined;
    if (!problem) return undefined;
    return t(problem.key, problem.values);
  };
  const errors = Object.fromEntries(
    Object.keys({ ...(submitted ? own : {}), ...server?.fields }).map((field) => [
      field,
      fieldError(field) ?? '',
    ]),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(own).length > 0) {
      // After React shows the summary.
      setTimeout(() => summary.current?.focus(), 0);
      return;
    }
    register.mutate(form);
  };

  return (
    <>
      <PageTitle>{t('register.title')}</PageTitle>
      <Text mb="md" maw={640}>
        {t('register.lead')}
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack maw={640} gap="md">
          <ErrorSummary
            ref={summary}
            title={
              server && Object.keys(server.fields).length === 0 ? server.message : t('errors.summaryTitle')
            }
            errors={errors}
            label={(field) => t(`fields.${field.split('.')[0] ?? field}`)}
            visible={(submitted && Object.keys(own).length > 0) || register.isError}
          />
          <TextInput
            id="field-iin"
            label={t('fields.iin')}
            description={t('register.iinHint')}
            inputMode="numeric"
            autoComplete="off"
            maxLength={14}
            required
            value={form.iin}
            onChange={(event) => set('iin', event.currentTarget.value)}
            onBlur={() => form.iin && touch('iin')}
            error={fieldError('iin')}
          />
          {iin.ok ? (
            <Alert color="teal" variant="light">
              <Text mb="xs">
                {t('register.fromIin', {
                  date: formatDate(iin.birthDate, language),
                  sex: t(`sex.${iin.sex}`),
                })}
              </Text>
              <Checkbox
                id="field-confirmed"
                label={t('register.confirmFromIin')}
                checked={form.confirmed}
                onChange={(event) => set('confirmed', event.currentTarget.checked)}
                error={fieldError('confirmed')}
              />
            </Alert>
          ) : null}
          <TextInput
            id="field-fullName"
            label={t('fields.fullName')}
            description={t('register.fullNameHint')}
            autoComplete="name"
            required
            value={form.fullName}
            onChange={(event) => set('fullName', event.currentTarget.value)}
            onBlur={() => touch('fullName')}
            error={fieldError('fullName')}
          />
          <TextInput
            id="field-phone"
            type="tel"
            label={t('fields.phone')}
            description={t('register.phoneHint')}
            autoComplete="tel"
            required
            value={form.phone}
            onChange={(event) => set('phone', event.currentTarget.value)}
            onBlur={() => touch('phone')}
            error={fieldError('phone')}
          />
          <Select
            id="field-region"
            label={t('fields.region')}
            required
            searchable
            data={Object.entries(t('regions', { returnObjects: true }) as Record<string, string>)
              .map(([value, label]) => ({ value, label }))
              .sort((a, b) => a.label.localeCompare(b.label))}
            value={form.region || null}
            onChange={(value) => set('region', value ?? '')}
            error={fieldError('region')}
          />
          <Radio.Group
            id="field-settlement"
            label={t('settlement.label')}
            required
            value={form.settlement}
            onChange={(value) => set('settlement', value)}
            error={fieldError('settlement')}
          >
            <Group mt="xs">
              <Radio value="urban" label={t('settlement.urban')} />
              <Radio value="rural" label={t('settlement.rural')} />
            </Group>
          </Radio.Group>
          <Select
            id="field-educationLevel"
            label={t('education.label')}
            required
            data={EDUCATION_LEVELS.map((level) => ({ value: level, label: t(`education.${level}`) }))}
            value={form.educationLevel || null}
            onChange={(value) => set('educationLevel', value ?? '')}
            error={fieldError('educationLevel')}
          />
          <Checkbox
            id="field-neet"
            label={t('fields.neet')}
            checked={form.neet}
            onChange={(event) => set('neet', event.currentTarget.checked)}
          />
          <Checkbox.Group
            id="field-vulnerability"
            label={t('vulnerability.label')}
            value={[...form.vulnerability]}
            onChange={(value) => set('vulnerability', value as Registration['vulnerability'])}
          >
            <Stack gap={6} mt="xs">
              {VULNERABILITY_CATEGORIES.map((category) => (
                <Checkbox key={category} value={category} label={t(`vulnerability.${category}`)} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Fieldset legend={t('register.consentsTitle')} id="field-consents">
            <Text size="sm" mb="sm">
              {t('register.consentsLead')}
            </Text>
            <Stack gap="sm">
              {CONSENT_PURPOSES.map((purpose) => (
                <Checkbox
                  key={purpose}
                  id={`field-consents.${purpose}`}
                  label={t(`consents.${purpose}.title`)}
                  description={t(`consents.${purpose}.text`)}
                  checked={form.consents[purpose]}
                  onChange={(event) => {
                    const checked = event.currentTarget.checked;
                    setForm((current) => ({
                      ...current,
                      consents: { ...current.consents, [purpose]: checked },
                    }));
                  }}
                  error={fieldError(`consents.${purpose}`)}
                />
              ))}
            </Stack>
          </Fieldset>
          <Group>
            <Button type="submit" loading={register.isPending}>
              {t('register.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
