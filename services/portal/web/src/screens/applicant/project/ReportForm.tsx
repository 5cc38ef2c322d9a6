import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { describeProblem, formField, isProblem, type Problem, ProblemError } from '../../../api/problems';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { isLanguage } from '../../../i18n';
import { formatNumber, formatTenge } from '../../../i18n/format';
import {
  AGE_BANDS,
  EXPENSE_CATEGORIES,
  initialForm,
  type MemberMonthForm,
  type Project,
  type Report,
  type ReportBody,
  reportBody,
  type ReportForm as Form,
  SEXES,
  totals,
} from './report';

/** A field of the service's answer (`beneficiaries.3.count`) as the form's field it came from. */
function formFieldOf(field: string, sent: ReportBody | null): string {
  const [list, index] = field.split('.');
  const at = Number(index);
  if (list === 'beneficiaries' && sent?.beneficiaries[at]) {
    const group = sent.beneficiaries[at];
    return `beneficiaries.${group.sex}:${group.ageBand}`;
  }
  if (list === 'expenses' && sent?.expenses[at]) return `expenses.${sent.expenses[at].category}`;
  if (list === 'members') return 'members';
  return list ?? field;
}

/**
 * The month's report as the tracking service takes it: activities, beneficiaries by sex and age band, expenses by
 * budget line, commercial income, and for each member still in the project the mentor session, training and
 * survey (the conditions of their stipend). A returned report opens with what was sent. There is no draft on the
 * server for reports, so the form is kept on the page only (nothing in the browser's storage); a submission
 * carries one Idempotency-Key until it is answered, so a double tap submits once.
 */
export function ReportForm({
  project,
  month,
  previous,
  onSubmitted,
}: {
  project: Project;
  month: number;
  previous: Report | undefined;
  onSubmitted: (report: Report) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'ru';
  const [form, setForm] = useState<Form>(() => initialForm(project, previous));
  const people = useQuery({
    queryKey: ['teams', project.teamId, 'people'],
    retry: false,
    queryFn: () =>
      unwrap(
        api.applications.GET('/teams/{teamId}/people', { params: { path: { teamId: project.teamId } } }),
      ),
  });
  const nameOf = (participantId: string, index: number) =>
    people.data?.items.find((person) => person.participantId === participantId)?.fullName ||
    t('award.reports.memberN', { n: index + 1 });

  const submissionKey = useRef<string | null>(null);
  const sent = useRef<ReportBody | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const submit = async () => {
    if (submitting) return;
    setSubmitting(true);
    setProblem(null);
    try {
      submissionKey.current ??= crypto.randomUUID();
      sent.current = reportBody(form);
      const { data, error, response } = await api.tracking.POST(
        '/projects/{projectId}/reports/{projectMonth}',
        {
          params: {
            path: { projectId: project.projectId, projectMonth: month },
            header: { 'Idempotency-Key': submissionKey.current },
          },
          body: sent.current,
        },
      );
      submissionKey.current = null;
      if (response.ok && data) {
        onSubmitted(data);
        return;
      }
      setProblem(isProblem(error) ? error : { type: '/problems/unexpected', status: response.status });
    } catch {
      // No answer: the key is kept, so trying again cannot submit twice.
      setProblem({ type: '/problems/offline', status: 0 });
    } finally {
      setSubmitting(false);
    }
  };

  const fieldErrors: Record<string, string> = {};
  if (problem) {
    const { fields } = describeProblem(problem, t);
    for (const [field, message] of Object.entries(fields))
      fieldErrors[formFieldOf(formField(field), sent.current)] ??= message;
    if (Array.isArray(problem.missingMembers)) fieldErrors.members ??= t('problems.report-members');
  }
  const sum = totals(form);
  const setMember = (participantId: string, patch: Partial<MemberMonthForm>) =>
    setForm({
      ...form,
      members: form.members.map((member) =>
        member.participantId === participantId ? { ...member, ...patch } : member,
      ),
    });
  const label = (field: string) => {
    const [list, key] = field.split('.');
    if (list === 'beneficiaries' && key) {
      const [sex, band] = key.split(':');
      return `${t('award.reports.beneficiaries')}: ${t(`award.reports.sex.${sex}`)}, ${band}`;
    }
    if (list === 'expenses' && key) return `${t('award.reports.expenses')}: ${t(`bid.categories.${key}`)}`;
    return t(`award.reports.field.${list}`, { defaultValue: field });
  };

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      aria-labelledby="report-form-title"
    >
      <Title order={3} size="h4" mb="sm" id="report-form-title">
        {previous ? t('award.reports.formResubmit') : t('award.reports.form')}
      </Title>
      {problem ? (
        <div style={{ marginBottom: 12 }}>
          <ProblemAlert error={new ProblemError(problem)} fieldLabel={label} />
        </div>
      ) : null}
      <Stack gap="md">
        <TextInput
          id="field-activitiesHeld"
          label={t('award.reports.field.activitiesHeld')}
          inputMode="numeric"
          value={form.activitiesHeld}
          onChange={(event) => setForm({ ...form, activitiesHeld: event.currentTarget.value })}
          error={fieldErrors.activitiesHeld}
          maw={240}
        />
        <Textarea
          id="field-activities"
          label={t('award.reports.field.activities')}
          description={t('award.reports.activitiesHint')}
          autosize
          minRows={3}
          value={form.activities}
          onChange={(event) => setForm({ ...form, activities: event.currentTarget.value })}
          error={fieldErrors.activities}
        />

        <Fieldset legend={t('award.reports.beneficiaries')} id="field-beneficiaries">
          <Table.ScrollContainer minWidth={280}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('award.reports.ageBand')}</Table.Th>
                  {SEXES.map((sex) => (
                    <Table.Th key={sex} scope="col">
                      {t(`award.reports.sex.${sex}`)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {AGE_BANDS.map((band) => (
                  <Table.Tr key={band}>
                    <Table.Th scope="row">{band}</Table.Th>
                    {SEXES.map((sex) => {
                      const key = `${sex}:${band}` as const;
                      return (
                        <Table.Td key={sex}>
                          <TextInput
                            id={`field-beneficiaries.${key}`}
                            aria-label={`${t(`award.reports.sex.${sex}`)}, ${band}`}
                            inputMode="numeric"
                            size="sm"
                            value={form.beneficiaries[key]}
                            onChange={(event) =>
                              setForm({
                                ...form,
                                beneficiaries: { ...form.beneficiaries, [key]: event.currentTarget.value },
                              })
                            }
                            error={fieldErrors[`beneficiaries.${key}`]}
                          />
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Text size="sm" fw={600} aria-live="polite">
            {t('award.reports.beneficiariesTotal', { n: formatNumber(sum.beneficiaries, language) })}
          </Text>
          {fieldErrors.beneficiaries ? (
            <Text size="sm" c="red.8">
              {fieldErrors.beneficiaries}
            </Text>
          ) : null}
        </Fieldset>

        <Fieldset legend={t('award.reports.expenses')} id="field-expenses">
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            {EXPENSE_CATEGORIES.map((category) => (
              <TextInput
                key={category}
                id={`field-expenses.${category}`}
                label={t(`bid.categories.${category}`)}
                inputMode="numeric"
                rightSection={<Text size="sm">₸</Text>}
                value={form.expenses[category]}
                onChange={(event) =>
                  setForm({ ...form, expenses: { ...form.expenses, [category]: event.currentTarget.value } })
                }
                error={fieldErrors[`expenses.${category}`]}
              />
            ))}
          </SimpleGrid>
          <Text size="sm" fw={600} mt="xs" aria-live="polite">
            {t('award.reports.expensesTotal', { amount: formatTenge(sum.expensesKzt, language) })}
          </Text>
          {fieldErrors.expenses ? (
            <Text size="sm" c="red.8">
              {fieldErrors.expenses}
            </Text>
          ) : null}
        </Fieldset>

        <TextInput
          id="field-commercialIncomeKzt"
          label={t('award.reports.field.commercialIncomeKzt')}
          inputMode="numeric"
          rightSection={<Text size="sm">₸</Text>}
          value={form.commercialIncomeKzt}
          onChange={(event) => setForm({ ...form, commercialIncomeKzt: event.currentTarget.value })}
          error={fieldErrors.commercialIncomeKzt}
          maw={280}
        />

        <Fieldset legend={t('award.reports.field.members')} id="field-members">
          <Text size="sm" mb="xs">
            {t('award.reports.membersHint')}
          </Text>
          <Stack gap="sm">
            {form.members.map((member, index) => (
              <div key={member.participantId} data-testid="report-member">
                <Text fw={600} mb={4}>
                  {nameOf(member.participantId, index)}
                </Text>
                <Group gap="md" wrap="wrap">
                  <Checkbox
                    label={t('award.reports.mentorSession')}
                    checked={member.mentorSessionAttended}
                    onChange={(event) =>
                      setMember(member.participantId, { mentorSessionAttended: event.currentTarget.checked })
                    }
                  />
                  <Checkbox
                    label={t('award.reports.training')}
                    checked={member.trainingCompleted}
                    onChange={(event) =>
                      setMember(member.participantId, { trainingCompleted: event.currentTarget.checked })
                    }
                  />
                  <Checkbox
                    label={t('award.reports.survey')}
                    checked={member.surveyCompleted}
                    onChange={(event) =>
                      setMember(member.participantId, { surveyCompleted: event.currentTarget.checked })
                    }
                  />
                </Group>
              </div>
            ))}
          </Stack>
          {fieldErrors.members ? (
            <Text size="sm" c="red.8" mt="xs">
              {fieldErrors.members}
            </Text>
          ) : null}
        </Fieldset>

        <Button
          type="submit"
          loading={submitting}
          w={{ base: '100%', sm: 'auto' }}
          data-testid="report-submit"
        >
          {previous ? t('award.reports.resubmit') : t('award.reports.submit')}
        </Button>
      </Stack>
    </form>
  );
}
