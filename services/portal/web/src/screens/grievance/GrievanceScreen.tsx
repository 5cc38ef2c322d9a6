import {
  Alert,
  Anchor,
  Button,
  Card,
  Checkbox,
  Code,
  CopyButton,
  Fieldset,
  NativeSelect,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { type components, type paths } from '../../api/generated/tracking';
import { describeProblem, formField, isProblem, type Problem, ProblemError } from '../../api/problems';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { isLanguage } from '../../i18n';
import { formatDate } from '../../i18n/format';
import { hasRole, useSession } from '../../session';

export const GRIEVANCE_CATEGORIES = [
  'selection-process',
  'payments',
  'host-organization-conduct',
  'project-implementation',
  'data-protection',
  'accessibility',
  'corruption',
  'other',
] as const;

type Category = (typeof GRIEVANCE_CATEGORIES)[number];
type Lodged = { trackingCode: string; responseDueOn: string };
type Project = components['schemas']['Project'];
/** The regions the service takes (the form offers the same ones, from the locale files). */
type RegionId = NonNullable<
  paths['/grievances']['post']['requestBody']
>['content']['application/json']['region'];

/**
 * A grievance, with or without an account: category, region, what happened and, if the person wants an answer by
 * phone or e-mail, a contact (seen by the programme's coordinators only). Signed in as a team member, the person may
 * tie it to their project. The answer is a tracking code that opens the grievance's status; the portal keeps it
 * nowhere, the person writes it down.
 */
export default function GrievanceScreen() {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'ru';
  const session = useSession();
  const member =
    hasRole(session.data, 'applicant') && session.data?.authenticated && session.data.user.participantId;
  const project = useQuery({
    queryKey: ['projects', 'mine'],
    enabled: Boolean(member),
    queryFn: async (): Promise<Project | null> => {
      const page = await unwrap(api.tracking.GET('/projects', { params: { query: { limit: 5 } } }));
      return page.items[0] ?? null;
    },
  });
  const [category, setCategory] = useState<Category | ''>('');
  const [region, setRegion] = useState('');
  const [description, setDescription] = useState('');
  const [aboutProject, setAboutProject] = useState(true);
  const [contact, setContact] = useState({ name: '', phone: '', email: '' });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [lodged, setLodged] = useState<Lodged | null>(null);
  const key = useRef<string | null>(null);
  const regions = Object.entries(t('regions', { returnObjects: true }) as Record<string, string>)
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const linked = aboutProject && project.data ? project.data : null;

  const submit = async () => {
    if (submitting) return;
    setSubmitting(true);
    setProblem(null);
    const filled = Object.fromEntries(Object.entries(contact).filter(([, value]) => value.trim() !== ''));
    try {
      key.current ??= crypto.randomUUID();
      const { data, error, response } = await api.tracking.POST('/grievances', {
        params: { header: { 'Idempotency-Key': key.current } },
        body: {
          category: category as Category,
          channel: 'portal',
          region: (linked ? linked.region : region) as RegionId,
          ...(linked ? { projectId: linked.projectId, roundId: linked.roundId } : {}),
          description,
          ...(Object.keys(filled).length > 0 ? { contact: filled } : {}),
        },
      });
      key.current = null;
      if (response.ok && data) {
        setLodged({ trackingCode: data.trackingCode, responseDueOn: data.responseDueOn });
        return;
      }
      setProblem(isProblem(error) ? error : { type: '/problems/unexpected', status: response.status });
    } catch {
      setProblem({ type: '/problems/offline', status: 0 });
    } finally {
      setSubmitting(false);
    }
  };

  if (lodged) {
    return (
      <>
        <PageTitle>{t('grievance.lodgedTitle')}</PageTitle>
        <Card withBorder padding="lg" data-testid="grievance-lodged">
          <Text mb="xs">{t('grievance.codeText')}</Text>
          <Code fz="xl" fw={700} mb="sm" block data-testid="tracking-code">
            {lodged.trackingCode}
          </Code>
          <CopyButton value={lodged.trackingCode}>
            {({ copied, copy }) => (
              <Button variant="default" onClick={copy} mb="sm" w="fit-content">
                {copied ? t('team.copied') : t('grievance.copyCode')}
              </Button>
            )}
          </CopyButton>
          <Text mb="sm">{t('grievance.dueText', { date: formatDate(lodged.responseDueOn, language) })}</Text>
          <Text size="sm" mb="sm">
            {t('grievance.keepCode')}
          </Text>
          <Anchor component={Link} to="/grievance/status" state={{ code: lodged.trackingCode }} fw={700}>
            {t('grievance.statusLink')}
          </Anchor>
        </Card>
      </>
    );
  }

  const fields: Record<string, string> = problem ? describeProblem(problem, t).fields : {};
  const errorOf = (name: string) =>
    Object.entries(fields).find(
      ([field]) => formField(field) === name || formField(field).startsWith(`${name}.`),
    )?.[1];
  const label = (field: string) =>
    t(`grievance.field.${field.replace(/^contact\./, '')}`, { defaultValue: field });

  return (
    <>
      <PageTitle>{t('grievance.title')}</PageTitle>
      <Text mb="md">{t('grievance.intro')}</Text>
      <Text mb="md">
        <Anchor component={Link} to="/grievance/status">
          {t('grievance.haveCode')}
        </Anchor>
      </Text>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Stack gap="md" maw={640}>
          {problem ? <ProblemAlert error={new ProblemError(problem)} fieldLabel={label} /> : null}
          <NativeSelect
            id="field-category"
            label={t('grievance.field.category')}
            required
            value={category}
            onChange={(event) => setCategory(event.currentTarget.value as Category)}
            data={[
              { value: '', label: t('grievance.choose') },
              ...GRIEVANCE_CATEGORIES.map((value) => ({ value, label: t(`grievance.category.${value}`) })),
            ]}
            error={errorOf('category')}
          />
          {project.data ? (
            <Checkbox
              label={t('grievance.aboutProject')}
              checked={aboutProject}
              onChange={(event) => setAboutProject(event.currentTarget.checked)}
              data-testid="grievance-about-project"
            />
          ) : null}
          {linked ? null : (
            <NativeSelect
              id="field-region"
              label={t('grievance.field.region')}
              required
              value={region}
              onChange={(event) => setRegion(event.currentTarget.value)}
              data={[{ value: '', label: t('grievance.choose') }, ...regions]}
              error={errorOf('region')}
            />
          )}
          <Textarea
            id="field-description"
            label={t('grievance.field.description')}
            description={t('grievance.descriptionHint')}
            required
            autosize
            minRows={4}
            value={description}
            onChange={(event) => setDescription(event.currentTarget.value)}
            error={errorOf('description')}
          />
          <Fieldset legend={t('grievance.contactLegend')}>
            <Text size="sm" mb="xs">
              {t('grievance.contactHint')}
            </Text>
            <Stack gap="sm">
              <TextInput
                id="field-contact.name"
                label={t('grievance.field.name')}
                autoComplete="name"
                value={contact.name}
                onChange={(event) => setContact({ ...contact, name: event.currentTarget.value })}
                error={errorOf('contact.name')}
              />
              <TextInput
                id="field-contact.phone"
                label={t('grievance.field.phone')}
                type="tel"
                autoComplete="tel"
                value={contact.phone}
                onChange={(event) => setContact({ ...contact, phone: event.currentTarget.value })}
                error={errorOf('contact.phone')}
              />
              <TextInput
                id="field-contact.email"
                label={t('grievance.field.email')}
                type="email"
                autoComplete="email"
                value={contact.email}
                onChange={(event) => setContact({ ...contact, email: event.currentTarget.value })}
                error={errorOf('contact.email')}
              />
            </Stack>
          </Fieldset>
          <Button
            type="submit"
            loading={submitting}
            w={{ base: '100%', sm: 'auto' }}
            data-testid="grievance-submit"
          >
            {t('grievance.submit')}
          </Button>
        </Stack>
      </form>
      <Title order={2} size="h4" mt="xl" mb="xs">
        {t('grievance.otherWays')}
      </Title>
      <Alert color="gray">{t('grievance.otherWaysText')}</Alert>
    </>
  );
}
