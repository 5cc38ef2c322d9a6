import {
  Button,
  Checkbox,
  Group,
  Loader,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ProblemError } from '../../api/problems';
import { ErrorSummary } from '../../components/ErrorSummary';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { mentorProblemKey } from './MentorProblemAlert';
import {
  EXPERTISE_AREAS,
  emptyProfile,
  formFieldOf,
  formOf,
  MAX_CAPACITY,
  type Mentor,
  type ProfileForm,
  profileBody,
  profileProblems,
} from './profile';
import { MENTOR_KEY, useOwnProfile } from './queries';

/** The mentor fills in or changes their own profile: contacts, regions, expertise, capacity, employers. */
export default function ProfileScreen() {
  const { t } = useTranslation();
  const profile = useOwnProfile();
  return (
    <>
      <PageTitle>{t('mentors.profile.title')}</PageTitle>
      <Text mb="md" maw={640}>
        {t('mentors.profile.lead')}
      </Text>
      <ProblemAlert error={profile.error} />
      {profile.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {profile.data !== undefined ? <ProfileEditor existing={profile.data} /> : null}
    </>
  );
}

function ProfileEditor({ existing }: { existing: Mentor | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<ProfileForm>(existing ? formOf(existing) : emptyProfile);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const touch = (field: string) => setTouched((current) => new Set(current).add(field));
  const set = <K extends keyof ProfileForm>(key: K, value: ProfileForm[K]) =>
    setForm((current) => ({ ...current, [key]: value }));

  const save = useMutation({
    mutationFn: (value: ProfileForm) => unwrap(api.tracking.PUT('/mentors/me', { body: profileBody(value) })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: MENTOR_KEY });
      await navigate('/mentor', { state: { saved: true } });
    },
    onError: () => summary.current?.focus(),
  });

  const own = profileProblems(form);
  // The service's word on a field, mapped to the form's field; otherwise what the form sees itself.
  const server: Partial<Record<keyof ProfileForm, string>> = {};
  if (save.error instanceof ProblemError) {
    for (const error of save.error.problem.errors ?? []) {
      const field = formFieldOf(error.field.replace(/^body\./, ''));
      if (field && !server[field]) server[field] = t('mentors.validation.invalid');
    }
  }
  const fieldError = (field: keyof ProfileForm): string | undefined => {
    if (server[field]) return server[field];
    const problem = submitted || touched.has(field) ? own[field] : undefined;
    return problem ? t(`mentors.validation.${problem}`) : undefined;
  };
  const fields = Object.keys({ ...(submitted ? own : {}), ...server }) as (keyof ProfileForm)[];
  const errors = Object.fromEntries(fields.map((field) => [field, fieldError(field) ?? '']));
  const refusal = mentorProblemKey(save.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(own).length > 0) {
      setTimeout(() => summary.current?.focus(), 0);
      return;
    }
    save.mutate(form);
  };

  const names = t('regions', { returnObjects: true }) as Record<string, string>;
  const regions = Object.entries(names).sort(([, a], [, b]) => a.localeCompare(b));

  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={720} gap="md">
        <ErrorSummary
          ref={summary}
          title={refusal ? t(refusal) : t('errors.summaryTitle')}
          errors={errors}
          label={(field) => t(`mentors.fields.${field}`)}
          visible={(submitted && Object.keys(own).length > 0) || save.isError}
        />
        <TextInput
          id="field-fullName"
          label={t('mentors.fields.fullName')}
          autoComplete="name"
          required
          value={form.fullName}
          onChange={(event) => set('fullName', event.currentTarget.value)}
          onBlur={() => touch('fullName')}
          error={fieldError('fullName')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            id="field-phone"
            label={t('mentors.fields.phone')}
            description={t('mentors.profile.phoneHint')}
            type="tel"
            autoComplete="tel"
            required
            value={form.phone}
            onChange={(event) => set('phone', event.currentTarget.value)}
            onBlur={() => touch('phone')}
            error={fieldError('phone')}
          />
          <TextInput
            id="field-email"
            label={t('mentors.fields.email')}
            type="email"
            autoComplete="email"
            required
            value={form.email}
            onChange={(event) => set('email', event.currentTarget.value)}
            onBlur={() => touch('email')}
            error={fieldError('email')}
          />
        </SimpleGrid>
        <Checkbox.Group
          id="field-regions"
          label={t('mentors.fields.regions')}
          description={t('mentors.profile.regionsHint')}
          required
          value={[...form.regions]}
          onChange={(value) => {
            set('regions', value);
            touch('regions');
          }}
          error={fieldError('regions')}
        >
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} mt="xs" spacing="xs">
            {regions.map(([id, name]) => (
              <Checkbox key={id} value={id} label={name} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <Checkbox.Group
          id="field-expertise"
          label={t('mentors.fields.expertise')}
          required
          value={[...form.expertise]}
          onChange={(value) => {
            set('expertise', value);
            touch('expertise');
          }}
          error={fieldError('expertise')}
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="xs">
            {EXPERTISE_AREAS.map((area) => (
              <Checkbox key={area} value={area} label={t(`mentors.expertise.${area}`)} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <NumberInput
          id="field-capacity"
          label={t('mentors.fields.capacity')}
          description={t('mentors.profile.capacityHint', { max: MAX_CAPACITY })}
          required
          min={1}
          max={MAX_CAPACITY}
          allowDecimal={false}
          allowNegative={false}
          maw={240}
          value={form.capacity}
          onChange={(value) => set('capacity', String(value))}
          onBlur={() => touch('capacity')}
          error={fieldError('capacity')}
        />
        <Textarea
          id="field-employers"
          label={t('mentors.fields.employers')}
          description={t('mentors.profile.employersHint')}
          autosize
          minRows={2}
          value={form.employers}
          onChange={(event) => set('employers', event.currentTarget.value)}
          onBlur={() => touch('employers')}
          error={fieldError('employers')}
        />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {existing ? t('mentors.profile.save') : t('mentors.profile.register')}
          </Button>
          {existing ? (
            <Button variant="default" onClick={() => void navigate('/mentor')}>
              {t('mentors.cancel')}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </form>
  );
}
