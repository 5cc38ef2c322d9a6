import { useTranslation } from 'react-i18next';
import { StatusBadge, type StatusTone } from '../../../components/StatusBadge';
import { WHOLE } from '../rounds/RoundStatusBadge';
import { type HostApplicationStatus } from './queries';

const TONE: Record<HostApplicationStatus, StatusTone> = {
  draft: 'neutral',
  eligible: 'progress',
  ineligible: 'danger',
  withdrawn: 'neutral',
  selected: 'success',
  rejected: 'attention',
};

export function HostStatusBadge({ status }: { status: HostApplicationStatus }) {
  const { t } = useTranslation();
  return (
    <StatusBadge tone={TONE[status]} style={WHOLE}>
      {t(`coordRound.host.status.${status}`)}
    </StatusBadge>
  );
}
