import { useTranslation } from 'react-i18next';
import { StatusBadge, type StatusTone } from '../../../components/StatusBadge';
import { type Round, type RoundStatus } from './queries';

/** A badge in a narrow table column keeps its whole word ("Selected" and "Not selected" cut short look alike). */
export const WHOLE = { minWidth: 'max-content' } as const;

const TONE: Record<RoundStatus, StatusTone> = { draft: 'attention', published: 'success', closed: 'neutral' };

export function RoundStatusBadge({ status }: { status: RoundStatus }) {
  const { t } = useTranslation();
  return (
    <StatusBadge tone={TONE[status]} data-testid="round-status" style={WHOLE}>
      {t(`coordRound.status.${status}`)}
    </StatusBadge>
  );
}

/** The round's title in the person's language. */
export function roundTitle(round: Round, language: string): string {
  const title = round.title;
  if (!title) return '';
  return language === 'kk' ? title.kk : language === 'en' ? title.en : title.ru;
}
