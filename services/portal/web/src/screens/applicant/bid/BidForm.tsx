import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  List,
  NativeSelect,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../../api/client';
import { isProblem, type Problem, ProblemError } from '../../../api/problems';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { isLanguage } from '../../../i18n';
import { formatTenge } from '../../../i18n/format';
import { budgetTotals, parseTenge } from './budget';
import { ConflictPanel } from './ConflictPanel';
import { type Bid, BUDGET_CATEGORIES, type BudgetLine, STEPS, type StepId, stepOfField } from './content';
import { useDraft } from './useDraft';

/**
 * The bid as a form in five steps, autosaved to the applications service (useDraft). The leader submits it from the
 * last step with one idempotency key per submission, kept until the service answers, so a double tap or a retry
 * after a lost answer submits once.
 */
export function BidForm({
  bid,
  isLeader,
  ceilingKzt,
  maxMonths,
  onSubmitted,
}: {
  bid: Bid;
  isLeader: boolean;
  ceilingKzt: number | null;
  maxMonths: number;
  onSubmitted: (bid: Bid) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'ru';
  const draft = useDraft(bid);
  const { content, update } = draft;
  const [params, setParams] = useSearchParams();
  const stepId: StepId = STEPS.find((step) => step.id === params.get('step'))?.id ?? 'project';
  const stepIndex = STEPS.findIndex((step) => step.id === stepId);
  const heading = useRef<HTMLHeadingElement>(null);
  const goTo = (step: StepId) => {
    void draft.save();
    setParams({ step });
    window.setTimeout(() => heading.current?.focus(), 0);
  };
  const saveOnLeave = () => void draft.save();

  const submissionKey = useRef<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [submitProblem, setSubmitProblem] = useState<Problem | null>(null);
  const submit = async () => {
    if (submitting) return;
    setSubmitting(true);
    setSubmitProblem(null);
    try {
      if (!(await draft.save())) return;
      // One key for this submission, reused if the answer is lost and the person taps again.
      submissionKey.current ??= crypto.randomUUID();
      const { data, error, response } = await api.applications.POST('/bids/{bidId}/submit', {
        params: { path: { bidId: bid.bidId }, header: { 'Idempotency-Key': submissionKey.current } },
      });
      if (response.ok && data) {
        submissionKey.current = null;
        onSubmitted(data);
        return;
      }
      submissionKey.current = null;
      setSubmitProblem(isProblem(error) ? error : { type: '/problems/unexpected', status: response.status });
    } catch {
      setSubmitProblem({ type: '/problems/offline', status: 0 });
    } finally {
      setSubmitting(false);
    }
  };

  const totals = budgetTotals(content.budgetLines, content.requestedAmountKzt, ceilingKzt);
  const setLine = (index: number, patch: Partial<BudgetLine>) =>
    update({
      budgetLines: content.budgetLines.map((line, at) => (at === index ? { ...line, ...patch } : line)),
    });
  const unusedCategory = BUDGET_CATEGORIES.find(
    (category) => !content.budgetLines.some((line) => line.category === category),
  );
  const months = Array.from({ length: Math.max(1, Math.min(12, maxMonths)) }, (_, index) =>
    String(index + 1),
  );
  const incompleteReasons =
    submitProblem && Array.isArray(submitProblem.reasons)
      ? (submitProblem.reasons as { code: string; field?: string }[])
      : [];

  return (
    <section aria-labelledby="bid-form">
      <Group justify="space-between" align="center" mb="sm" wrap="wrap">
        <Title order={2} size="h3" id="bid-form">
          {t('bid.formTitle')}
        </Title>
        <Text
          role="status"
          aria-live="polite"
          size="sm"
          fw={600}
          c={
            draft.status === 'saved'
              ? 'teal.9'
              : draft.status === 'saving' || draft.status === 'unsaved'
                ? 'dimmed'
                : 'red.8'
          }
          data-testid="save-status"
        >
          {t(`bid.save.${draft.status}`)}
        </Text>
      </Group>
      {draft.status === 'offline' ? (
        <Alert color="blue" mb="sm">
          {t('common.offline')}
        </Alert>
      ) : null}
      {draft.status === 'signed-out' ? (
        <Alert color="blue" mb="sm">
          {t('bid.signedOut')}
        </Alert>
      ) : null}
      {draft.problem ? <ProblemAlert error={new ProblemError(draft.problem)} /> : null}
      {draft.conflict ? <ConflictPanel conflict={draft.conflict} onResolve={draft.resolve} /> : null}

      <nav aria-label={t('bid.steps')}>
        <Group gap={6} mb="md" wrap="wrap">
          {STEPS.map((step, index) => (
            <Button
              key={step.id}
              size="compact-sm"
              variant={step.id === stepId ? 'filled' : 'default'}
              aria-current={step.id === stepId ? 'step' : undefined}
              onClick={() => goTo(step.id)}
            >
              {`${index + 1}. ${t(`bid.stepName.${step.id}`)}`}
            </Button>
          ))}
        </Group>
      </nav>

      <Title order={3} size="h4" mb="sm" ref={heading} tabIndex={-1} style={{ outline: 'none' }}>
        {t('bid.stepOf', { index: stepIndex + 1, total: STEPS.length, name: t(`bid.stepName.${stepId}`) })}
      </Title>

      <Stack gap="md" maw={720}>
        {stepId === 'project' ? (
          <>
            <TextInput
              id="field-title"
              label={t('bid.fields.title')}
              value={content.title}
              maxLength={200}
              onChange={(event) => update({ title: event.currentTarget.value })}
              onBlur={saveOnLeave}
            />
            <Textarea
              id="field-problem"
              label={t('bid.fields.problem')}
              description={t('bid.hints.problem')}
              autosize
              minRows={3}
              maxLength={4000}
              value={content.problem}
              onChange={(event) => update({ problem: event.currentTarget.value })}
              onBlur={saveOnLeave}
            />
            <Textarea
              id="field-goal"
              label={t('bid.fields.goal')}
              autosize
              minRows={2}
              maxLength={2000}
              value={content.goal}
              onChange={(event) => update({ goal: event.currentTarget.value })}
              onBlur={saveOnLeave}
            />
          </>
        ) : null}

        {stepId === 'beneficiaries' ? (
          <>
            <Textarea
              id="field-beneficiaries"
              label={t('bid.fields.beneficiaries')}
              description={t('bid.hints.beneficiaries')}
              autosize
              minRows={3}
              maxLength={2000}
              value={content.beneficiaries}
              onChange={(event) => update({ beneficiaries: event.currentTarget.value })}
              onBlur={saveOnLeave}
            />
            <TextInput
              id="field-plannedBeneficiaries"
              label={t('bid.fields.plannedBeneficiaries')}
              inputMode="numeric"
              maw={240}
              value={content.plannedBeneficiaries === null ? '' : String(content.plannedBeneficiaries)}
              onChange={(event) => update({ plannedBeneficiaries: parseTenge(event.currentTarget.value) })}
              onBlur={saveOnLeave}
            />
          </>
        ) : null}

        {stepId === 'activities' ? (
          <>
            <NativeSelect
              id="field-durationMonths"
              label={t('bid.fields.durationMonths')}
              maw={240}
              value={content.durationMonths === null ? '' : String(content.durationMonths)}
              data={[
                { value: '', label: '—' },
                ...months.map((month) => ({
                  value: month,
                  label: t('bid.months', { n: Number(month) }),
                })),
              ]}
              onChange={(event) =>
                update({
                  durationMonths: event.currentTarget.value ? Number(event.currentTarget.value) : null,
                })
              }
              onBlur={saveOnLeave}
            />
            <Fieldset legend={t('bid.fields.activities')}>
              <Stack gap="sm">
                {content.activities.map((activity, index) => (
                  <Group key={index} align="flex-end" wrap="nowrap" gap="xs">
                    <NativeSelect
                      label={t('bid.activityMonth')}
                      w={110}
                      value={String(activity.month)}
                      data={months.map((month) => ({ value: month, label: month }))}
                      onChange={(event) =>
                        update({
                          activities: content.activities.map((item, at) =>
                            at === index ? { ...item, month: Number(event.currentTarget.value) } : item,
                          ),
                        })
                      }
                      onBlur={saveOnLeave}
                    />
                    <TextInput
                      label={t('bid.activityDescription')}
                      style={{ flex: 1 }}
                      value={activity.description}
                      maxLength={1000}
                      onChange={(event) =>
                        update({
                          activities: content.activities.map((item, at) =>
                            at === index ? { ...item, description: event.currentTarget.value } : item,
                          ),
                        })
                      }
                      onBlur={saveOnLeave}
                    />
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      size="lg"
                      aria-label={t('bid.removeActivity', { index: index + 1 })}
                      onClick={() =>
                        update({ activities: content.activities.filter((_, at) => at !== index) })
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
                    update({
                      activities: [
                        ...content.activities,
                        {
                          month:
                            content.activities.length + 1 > months.length ? 1 : content.activities.length + 1,
                          description: '',
                        },
                      ],
                    })
                  }
                >
                  {t('bid.addActivity')}
                </Button>
              </Stack>
            </Fieldset>
          </>
        ) : null}

        {stepId === 'budget' ? (
          <>
            <Fieldset legend={t('bid.fields.budgetLines')}>
              <Stack gap="sm">
                {content.budgetLines.map((line, index) => (
                  <Group key={index} align="flex-end" wrap="wrap" gap="xs">
                    <NativeSelect
                      label={t('bid.category')}
                      w={170}
                      value={line.category}
                      data={BUDGET_CATEGORIES.filter(
                        (category) =>
                          category === line.category ||
                          !content.budgetLines.some((other) => other.category === category),
                      ).map((category) => ({ value: category, label: t(`bid.categories.${category}`) }))}
                      onChange={(event) =>
                        setLine(index, { category: event.currentTarget.value as BudgetLine['category'] })
                      }
                      onBlur={saveOnLeave}
                    />
                    <TextInput
                      label={t('bid.amount')}
                      w={150}
                      inputMode="numeric"
                      value={line.amountKzt === 0 ? '' : String(line.amountKzt)}
                      onChange={(event) =>
                        setLine(index, { amountKzt: parseTenge(event.currentTarget.value) ?? 0 })
                      }
                      onBlur={saveOnLeave}
                    />
                    <TextInput
                      label={t('bid.note')}
                      style={{ flex: 1, minWidth: 160 }}
                      value={line.note}
                      maxLength={500}
                      onChange={(event) => setLine(index, { note: event.currentTarget.value })}
                      onBlur={saveOnLeave}
                    />
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      size="lg"
                      aria-label={t('bid.removeLine', { index: index + 1 })}
                      onClick={() =>
                        update({ budgetLines: content.budgetLines.filter((_, at) => at !== index) })
                      }
                    >
                      ×
                    </ActionIcon>
                  </Group>
                ))}
                {unusedCategory ? (
                  <Button
                    variant="default"
                    w="fit-content"
                    onClick={() =>
                      update({
                        budgetLines: [
                          ...content.budgetLines,
                          { category: unusedCategory, amountKzt: 0, note: '' },
                        ],
                      })
                    }
                  >
                    {t('bid.addLine')}
                  </Button>
                ) : null}
              </Stack>
            </Fieldset>
            <TextInput
              id="field-requestedAmountKzt"
              label={t('bid.fields.requestedAmountKzt')}
              inputMode="numeric"
              maw={240}
              value={content.requestedAmountKzt === null ? '' : String(content.requestedAmountKzt)}
              onChange={(event) => update({ requestedAmountKzt: parseTenge(event.currentTarget.value) })}
              onBlur={saveOnLeave}
            />
            <List spacing={4} aria-live="polite" data-testid="budget-totals">
              <List.Item>{t('bid.total', { amount: formatTenge(totals.total, language) })}</List.Item>
              {totals.unallocated !== null ? (
                <List.Item c={totals.unallocated === 0 ? 'teal.9' : 'red.8'}>
                  {totals.unallocated === 0
                    ? t('bid.addsUp')
                    : t(totals.unallocated > 0 ? 'bid.unallocated' : 'bid.overRequested', {
                        amount: formatTenge(Math.abs(totals.unallocated), language),
                      })}
                </List.Item>
              ) : null}
              {ceilingKzt !== null ? (
                <List.Item c={totals.overCeiling ? 'red.8' : undefined}>
                  {t(totals.overCeiling ? 'bid.overCeiling' : 'bid.ceiling', {
                    amount: formatTenge(ceilingKzt, language),
                  })}
                </List.Item>
              ) : null}
            </List>
          </>
        ) : null}

        {stepId === 'declaration' ? (
          <>
            <Checkbox
              id="field-nonCommercialDeclared"
              label={t('bid.fields.nonCommercialDeclared')}
              checked={content.nonCommercialDeclared}
              onChange={(event) => update({ nonCommercialDeclared: event.currentTarget.checked })}
              onBlur={saveOnLeave}
            />
            <Fieldset legend={t('bid.preview')}>
              <Stack gap={4}>
                <Text fw={700}>{content.title || '—'}</Text>
                <Text size="sm">{content.problem || '—'}</Text>
                <Text size="sm">
                  {t('bid.previewLine', {
                    beneficiaries: content.plannedBeneficiaries ?? '—',
                    months: content.durationMonths ?? '—',
                    activities: content.activities.length,
                  })}
                </Text>
                <Text size="sm">{t('bid.total', { amount: formatTenge(totals.total, language) })}</Text>
              </Stack>
            </Fieldset>
            {submitProblem ? <ProblemAlert error={new ProblemError(submitProblem)} /> : null}
            {incompleteReasons.length > 0 ? (
              <List size="sm">
                {incompleteReasons.map((reason) => (
                  <List.Item key={`${reason.code}:${reason.field ?? ''}`}>
                    {t(`bid.reasons.${reason.code}`, { defaultValue: reason.code })}
                    {reason.field
                      ? ` (${t(`bid.fields.${reason.field}`, { defaultValue: reason.field })})`
                      : ''}
                    {stepOfField(reason.field ?? null) ? (
                      <>
                        {' '}
                        <Button
                          variant="subtle"
                          size="compact-sm"
                          onClick={() => goTo(stepOfField(reason.field ?? null) ?? 'project')}
                        >
                          {t('bid.fixIt')}
                        </Button>
                      </>
                    ) : null}
                  </List.Item>
                ))}
              </List>
            ) : null}
            {isLeader ? (
              <Button
                size="md"
                w="fit-content"
                onClick={() => void submit()}
                loading={submitting}
                disabled={draft.status === 'conflict'}
              >
                {bid.submissionNumber > 0 ? t('bid.resubmit') : t('bid.submit')}
              </Button>
            ) : (
              <Text>{t('bid.leaderSubmits')}</Text>
            )}
          </>
        ) : null}

        <Group justify="space-between">
          {stepIndex > 0 ? (
            <Button variant="default" onClick={() => goTo(STEPS[stepIndex - 1]?.id ?? 'project')}>
              {t('bid.back')}
            </Button>
          ) : (
            <span />
          )}
          {stepIndex < STEPS.length - 1 ? (
            <Button variant="default" onClick={() => goTo(STEPS[stepIndex + 1]?.id ?? 'declaration')}>
              {t('bid.next')}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </section>
  );
}
