import { type CommandContext } from '@zhas/service-kit';
import { type Bids } from '../features/bids/store';
import { type Lotteries } from '../features/lottery/store';
import { type Participants } from '../features/participants/store';
import { type PersonalDataReads } from '../features/personal-data-reads/store';
import { type Reviewers } from '../features/reviewers/store';
import { type ReviewPlans } from '../features/reviews/store';
import { type RoundCopies } from '../features/rounds/store';
import { type Teams } from '../features/teams/store';

/** What every feature's commands and routes receive: the stores, the clock and the idempotent-request runner. */
export interface ApplicationsContext extends CommandContext {
  readonly participants: Participants;
  /** The log of reads of personal data (who, whose, when, why). */
  readonly personalDataReads: PersonalDataReads;
  readonly teams: Teams;
  readonly bids: Bids;
  readonly lotteries: Lotteries;
  readonly reviewers: Reviewers;
  readonly reviewPlans: ReviewPlans;
  readonly rounds: RoundCopies;
}

/** One way to state a command's options in every service (the context carries the clock). */
export { commandOptions } from '@zhas/messaging';
