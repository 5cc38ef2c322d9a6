/* Events of other services for tests, built from the contracts' fixtures with createEvent. */
import {
  bidAwardedV1,
  createEvent,
  type DataOf,
  type EducationLevel,
  participantProfileUpdatedV1,
  participantRegisteredV2,
  readFixture,
  roundPublishedV1,
  roundRulesRevisedV1,
} from '@zhas/contracts';

function fixtureData<T>(type: string): T {
  return (readFixture(type) as { data: T }).data;
}

const at = (iso: string) => new Date(iso);

export function roundPublished(
  roundId: string,
  rules: Partial<DataOf<'competitions.round.published.v1'>['rules']> = {},
) {
  const base = fixtureData<DataOf<'competitions.round.published.v1'>>('competitions.round.published.v1');
  return createEvent(roundPublishedV1, {
    subject: roundId,
    aggregateVersion: 1,
    data: { ...base, roundId, rules: { ...base.rules, ...rules } },
    correlationId: 'corr-test',
    time: at(base.publishedAt),
  });
}

export function roundRulesRevised(
  roundId: string,
  rulesVersion: number,
  rules: Partial<DataOf<'competitions.round.published.v1'>['rules']>,
) {
  const base = fixtureData<DataOf<'competitions.round.rules-revised.v1'>>(
    'competitions.round.rules-revised.v1',
  );
  return createEvent(roundRulesRevisedV1, {
    subject: roundId,
    aggregateVersion: rulesVersion,
    data: { ...base, roundId, rulesVersion, rules: { ...base.rules, ...rules } },
    correlationId: 'corr-test',
    time: at(base.revisedAt),
  });
}

export function participantRegistered(participantId: string, educationLevel: EducationLevel) {
  const base = fixtureData<DataOf<'applications.participant.registered.v2'>>(
    'applications.participant.registered.v2',
  );
  return createEvent(participantRegisteredV2, {
    subject: participantId,
    aggregateVersion: 1,
    data: { ...base, participantId, educationLevel },
    correlationId: 'corr-test',
    time: at(base.registeredAt),
  });
}

export function participantProfileUpdated(
  participantId: string,
  educationLevel: EducationLevel,
  version: number,
) {
  const base = fixtureData<DataOf<'applications.participant.profile-updated.v1'>>(
    'applications.participant.profile-updated.v1',
  );
  return createEvent(participantProfileUpdatedV1, {
    subject: participantId,
    aggregateVersion: version,
    data: { ...base, participantId, educationLevel },
    correlationId: 'corr-test',
    time: at(base.updatedAt),
  });
}

export function bidAwarded(overrides: Partial<DataOf<'applications.bid.awarded.v1'>> & { bidId: string }) {
  const base = fixtureData<DataOf<'applications.bid.awarded.v1'>>('applications.bid.awarded.v1');
  return createEvent(bidAwardedV1, {
    subject: overrides.bidId,
    aggregateVersion: 9,
    data: { ...base, ...overrides },
    correlationId: 'corr-test',
    time: at(base.awardedAt),
  });
}
