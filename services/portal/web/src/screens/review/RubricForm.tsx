import { Button, Card, Group, Modal, NumberInput, Stack, Text, Textarea, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeProblem, ProblemError } from '../../api/problems';
import { ProblemAlert } from '../../components/ProblemAlert';
import { InstantText } from '../coordinator/common';

export interface Criterion {
  readonly code: string;
  readonly weightPercent: number;
}

export interface Scored {
  readonly code: string;
  readonly score: number | null;
  readonly comment: string;
}

/** What the rubric sends: the service checks every score (each criterion once, 0-100) and computes the total. */
export type Scores = readonly Scored[];

/** A criterion's name in the person's language; a code the portal does not know yet is shown as it is. */
export function criterionName(t: (key: string, options?: { defaultValue: string }) => string, code: string) {
  return t(`review.criteria.${code}`, { defaultValue: code });
}

/** The initial values: the draft's where there is one, empty otherwise, in the order of the round's criteria. */
export function initialScores(criteria: readonly Criterion[], draft: Scores | undefined): Scored[] {
  return criteria.map((criterion) => {
    const saved = draft?.find((entry) => entry.code === criterion.code);
    return { code: criterion.code, score: saved?.score ?? null, comment: saved?.comment ?? '' };
  });
}

/**
 * The rubric: a score and a comment per criterion of the round, saved as a draft (also with Ctrl/Cmd+S) and
 * submitted after a confirmation. The button is busy while the submission runs and a second click does nothing;
 * the services also refuse a second score of a bid (`already-reviewed`) and a repeated committee score replaces
 * the first, so neither a double click nor a retry scores twice. Number keys 1-9 jump to a criterion's score.
 * The services name a criterion in their problem documents as `criteria.<n>` (bids, drafts) or `scores.<n>`
 * (committee scores); both are shown next to the criterion.
 */
export function RubricForm(props: {
  criteria: readonly Criterion[];
  draft: Scores | undefined;
  savedAt: string | undefined;
  onSaveDraft: (scores: Scores) => Promise<unknown>;
  onSubmit: (scores: Scores) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [scores, setScores] = useState<Scored[]>(() => initialScores(props.criteria, props.draft));
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  // A second click arrives before React has re-rendered the busy button: the guard is a ref, not state.
  const busy = useRef({ saving: false, submitting: false });

  const save = async () => {
    if (busy.current.saving) return;
    busy.current.saving = true;
    setSaving(true);
    setSaveError(null);
    try {
      await props.onSaveDraft(scores);
    } catch (problem) {
      setSaveError(problem);
    } finally {
      busy.current.saving = false;
      setSaving(false);
    }
  };

  const submit = async () => {
    if (busy.current.submitting) return;
    busy.current.submitting = true;
    setSubmitting(true);
    setSubmitError(null);
    try {
      await props.onSubmit(scores);
      setConfirming(false);
    } catch (problem) {
      setSubmitError(problem);
    } finally {
      busy.current.submitting = false;
      setSubmitting(false);
    }
  };

  // Ctrl/Cmd+S saves from anywhere, inputs included; the number keys only outside inputs (they type there).
  useHotkeys([['mod+S', () => void save()]], []);
  useHotkeys(
    props.criteria.slice(0, 9).map((_, index) => [String(index + 1), () => inputs.current[index]?.focus()]),
  );

  const fieldErrors =
    saveError instanceof ProblemError || submitError instanceof ProblemError
      ? describeProblem(((submitError ?? saveError) as ProblemError).problem, t).fields
      : {};
  const update = (index: number, change: Partial<Scored>) =>
    setScores((current) => current.map((entry, i) => (i === index ? { ...entry, ...change } : entry)));
  const fieldLabel = (field: string) => {
    const index = Number(field.split('.')[1]);
    const criterion = props.criteria[index];
    return criterion ? criterionName(t, criterion.code) : field;
  };

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="rubric-title">
      <Title order={2} size="h3" id="rubric-title" mb="xs">
        {t('review.rubric.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('review.rubric.hint')}
      </Text>
      <Stack gap="md">
        {props.criteria.map((criterion, index) => {
          const entry = scores[index] ?? { code: criterion.code, score: null, comment: '' };
          const scoreField = `criteria.${index}.score`;
          const commentField = `criteria.${index}.comment`;
          const errorOf = (field: string) =>
            fieldErrors[field] ?? fieldErrors[field.replace(/^criteria/, 'scores')];
          return (
            <Stack key={criterion.code} gap={4}>
              <NumberInput
                id={`field-${scoreField}`}
                ref={(element) => {
                  inputs.current[index] = element;
                }}
                label={`${index + 1}. ${criterionName(t, criterion.code)}`}
                description={t('review.rubric.weight', { percent: criterion.weightPercent })}
                min={0}
                max={100}
                step={1}
                allowDecimal={false}
                allowNegative={false}
                value={entry.score ?? ''}
                onChange={(value) => update(index, { score: typeof value === 'number' ? value : null })}
                error={errorOf(scoreField)}
                w={{ base: '100%', sm: 220 }}
              />
              <Textarea
                id={`field-${commentField}`}
                label={t('review.rubric.comment', { criterion: criterionName(t, criterion.code) })}
                autosize
                minRows={1}
                maxRows={6}
                value={entry.comment}
                onChange={(event) => update(index, { comment: event.currentTarget.value })}
                error={errorOf(commentField)}
              />
            </Stack>
          );
        })}
        <ProblemAlert error={saveError} fieldLabel={fieldLabel} />
        <Text size="sm" aria-live="polite" data-testid="draft-state">
          {saving ? (
            t('review.rubric.saving')
          ) : props.savedAt ? (
            <>
              {t('review.rubric.savedAt')} <InstantText value={props.savedAt} />
            </>
          ) : (
            t('review.rubric.notSaved')
          )}
        </Text>
        <Group gap="sm" wrap="wrap">
          <Button variant="default" onClick={() => void save()} loading={saving}>
            {t('review.rubric.saveDraft')}
          </Button>
          <Button
            onClick={() => {
              setSubmitError(null);
              setConfirming(true);
            }}
          >
            {t('review.rubric.submit')}
          </Button>
        </Group>
      </Stack>
      <Modal
        opened={confirming}
        onClose={() => (submitting ? undefined : setConfirming(false))}
        title={t('review.rubric.confirmTitle')}
        closeButtonProps={{ 'aria-label': t('review.close') }}
      >
        <Stack gap="sm">
          <Text>{t('review.rubric.confirmText')}</Text>
          <ProblemAlert error={submitError} fieldLabel={fieldLabel} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)} disabled={submitting}>
              {t('review.cancel')}
            </Button>
            <Button loading={submitting} onClick={() => void submit()}>
              {t('review.rubric.confirmSubmit')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

/** A submitted score: read only, with the total the service computed. */
export function SubmittedScores(props: {
  criteria: readonly Criterion[];
  scores: readonly { code: string; score: number; comment?: string }[];
  totalScore: number | undefined;
  at: string;
}) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="submitted-title">
      <Title order={2} size="h3" id="submitted-title" mb="xs">
        {t('review.submitted.title')}
      </Title>
      <Text size="sm" mb="sm">
        {t('review.submitted.at')} <InstantText value={props.at} />
      </Text>
      <Stack gap="xs" component="dl" m={0}>
        {props.criteria.map((criterion) => {
          const entry = props.scores.find((scored) => scored.code === criterion.code);
          return (
            <div key={criterion.code}>
              <Text component="dt" fw={600} size="sm">
                {criterionName(t, criterion.code)}: {entry?.score ?? '—'}
              </Text>
              {entry?.comment ? (
                <Text component="dd" size="sm" m={0}>
                  {entry.comment}
                </Text>
              ) : null}
            </div>
          );
        })}
      </Stack>
      {props.totalScore !== undefined ? (
        <Text fw={700} mt="sm" data-testid="total-score">
          {t('review.submitted.total', { score: props.totalScore })}
        </Text>
      ) : null}
    </Card>
  );
}
