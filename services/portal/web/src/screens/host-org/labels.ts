import { type StatusTone } from '../../components/StatusBadge';
import { type HostApplication } from './queries';

/** What each status of an application means to the organization, by colour. */
export const STATUS_TONE: Record<HostApplication['status'], StatusTone> = {
  draft: 'neutral',
  eligible: 'progress',
  ineligible: 'danger',
  withdrawn: 'neutral',
  selected: 'success',
  rejected: 'attention',
};
