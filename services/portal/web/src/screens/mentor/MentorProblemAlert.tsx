import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemError, problemSlug } from '../../api/problems';
import { ProblemAlert } from '../../components/ProblemAlert';

/** The tracking service's refusals about mentors, each with its own sentence (mentors.problems.*). */
const MENTOR_PROBLEMS = [
  'mentor-conflict-of-interest',
  'mentor-region',
  'mentor-at-capacity',
  'mentor-capacity-below-load',
  'mentor-not-registered',
  'project-has-mentor',
  'project-not-running',
] as const;

const CONFLICT_REASONS = ['relative-of-member', 'works-for-host-organization', 'other'] as const;

/**
 * The key of the sentence for a mentor's refusal: a conflict of interest names its reason (related to a member,
 * works for the host organization, or declared), so the coordinator reads why, in their language.
 */
export function mentorProblemKey(error: unknown): string | undefined {
  if (!(error instanceof ProblemError)) return undefined;
  const slug = problemSlug(error.problem);
  if (!(MENTOR_PROBLEMS as readonly string[]).includes(slug)) return undefined;
  if (slug === 'mentor-conflict-of-interest') {
    const reason = error.problem.reason;
    return (CONFLICT_REASONS as readonly unknown[]).includes(reason)
      ? `mentors.refusal.${String(reason)}`
      : 'mentors.refusal.other';
  }
  return `mentors.problems.${slug}`;
}

export function MentorProblemAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const key = mentorProblemKey(error);
  if (!key) return <ProblemAlert error={error} />;
  return (
    <Alert color="red" role="alert" title={t('mentors.refusal.title')}>
      {t(key)}
    </Alert>
  );
}
