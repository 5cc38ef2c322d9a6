/*
 * The read-model documents as the indicator computations see them: one interface per collection, each slot
 * optional (its event may not have arrived yet). Written by read-models/handlers.ts.
 */

interface Slot {
  readonly v: number;
  /** The instant of the fact (ISO 8601 UTC). */
  readonly at: string;
}

interface Placed {
  readonly roundId?: string;
  readonly region: string;
}

export interface ParticipantDoc {
  readonly _id: string;
  readonly registered?: Slot & {
    readonly roundId?: string;
    readonly sex: string;
    readonly ageBand: string;
    readonly region: string;
    readonly settlement: string;
    readonly neet: boolean;
    readonly vulnerability: readonly string[];
  };
  readonly profile?: Slot & {
    readonly region: string;
    readonly settlement: string;
    readonly neet: boolean;
    readonly vulnerability: readonly string[];
  };
}

export interface TeamDoc {
  readonly _id: string;
  readonly membership?: Slot & Placed & { readonly memberParticipantIds: readonly string[] };
}

export interface BidDoc {
  readonly _id: string;
  readonly firstSubmission?: Slot & Placed & { readonly teamId: string };
  readonly submission?: Slot & Placed & { readonly teamId: string };
  /** The latest technical check. */
  readonly check?: Slot & Placed & { readonly passed: boolean };
  readonly qualification?: Slot & Placed & { readonly qualified: boolean };
  readonly decision?: Slot &
    Placed & {
      readonly outcome: 'awarded' | 'not-awarded' | 'withdrawn';
      readonly awardedAmountKzt?: number;
      readonly memberParticipantIds?: readonly string[];
    };
}

export interface ProjectDoc {
  readonly _id: string;
  readonly opened?: Slot &
    Placed & {
      readonly bidId: string;
      readonly memberParticipantIds: readonly string[];
      readonly grantAmountKzt: number;
    };
  readonly completed?: Slot &
    Placed & { readonly bidId: string; readonly on: string; readonly beneficiariesReached: number };
  readonly terminated?: Slot & Placed & { readonly on: string };
}

export interface AgreementDoc {
  readonly _id: string;
  readonly signed?: Slot & Placed & { readonly projectId: string; readonly grantAmountKzt: number };
}

export interface MemberDoc {
  readonly _id: string;
  readonly exit?: Slot &
    Placed & {
      readonly projectId: string;
      readonly participantId: string;
      readonly reason: string;
      readonly status: string;
      readonly on: string;
    };
}

export interface TrancheDoc {
  readonly _id: string;
  readonly disbursed?: Slot & Placed & { readonly amountKzt: number; readonly on: string };
}

export interface StipendDoc {
  readonly _id: string;
  readonly paid?: Slot &
    Placed & { readonly participantId: string; readonly amountKzt: number; readonly on: string };
}

export interface ReportDoc {
  readonly _id: string;
  readonly submitted?: Slot & Placed & { readonly projectId: string; readonly beneficiariesReached: number };
  readonly review?: Slot & Placed & { readonly projectId: string; readonly accepted: boolean };
}

export interface SurveyDoc {
  readonly _id: string;
  readonly recorded?: Slot &
    Placed & {
      readonly projectId: string;
      readonly participantId: string;
      readonly wave: string;
      readonly instrument: string;
      readonly score: number;
    };
}

export interface GrievanceDoc {
  readonly _id: string;
  readonly lodged?: Slot & Placed;
  readonly resolved?: Slot & Placed & { readonly withinDeadline: boolean };
}

export interface HostApplicationDoc {
  readonly _id: string;
  readonly decision?: Slot & Placed & { readonly outcome: 'selected' | 'rejected' | 'withdrawn' };
}

/** Everything the indicators are computed from. */
export interface Facts {
  readonly participants: readonly ParticipantDoc[];
  readonly teams: readonly TeamDoc[];
  readonly bids: readonly BidDoc[];
  readonly projects: readonly ProjectDoc[];
  readonly agreements: readonly AgreementDoc[];
  readonly members: readonly MemberDoc[];
  readonly tranches: readonly TrancheDoc[];
  readonly stipends: readonly StipendDoc[];
  readonly reports: readonly ReportDoc[];
  readonly surveys: readonly SurveyDoc[];
  readonly grievances: readonly GrievanceDoc[];
  readonly hostApplications: readonly HostApplicationDoc[];
}

export const emptyFacts: Facts = {
  participants: [],
  teams: [],
  bids: [],
  projects: [],
  agreements: [],
  members: [],
  tranches: [],
  stipends: [],
  reports: [],
  surveys: [],
  grievances: [],
  hostApplications: [],
};
