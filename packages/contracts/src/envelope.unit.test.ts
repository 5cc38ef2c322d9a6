import { parseEvent } from './catalogue';
import { createEvent, type CreateEventInput, envelopeSchema } from './envelope';
import { bidSubmittedV1 } from './events/applications';
import { roundClosedV1 } from './events/competitions';
import { ContractViolation } from './validation';

const time = new Date('2019-04-15T17:59:31.482Z');

function bidData() {
  return {
    bidId: 'bid-1',
    teamId: 'team-1',
    roundId: 'rnd-2019',
    region: 'akmola',
    submissionNumber: 1,
    requestedAmountKzt: 900_000,
    durationMonths: 6,
    budgetLines: [
      { category: 'equipment' as const, amountKzt: 500_000 },
      { category: 'events' as const, amountKzt: 400_000 },
    ],
    plannedBeneficiaries: 80,
    memberCount: 3,
    submittedAt: '2019-04-15T17:59:31.482Z',
  };
}

function input(overrides: Partial<CreateEventInput<unknown>> = {}) {
  return {
    subject: 'bid-1',
    aggregateVersion: 3,
    data: bidData(),
    correlationId: 'corr-1',
    time,
    ...overrides,
  } as CreateEventInput<ReturnType<typeof bidData>>;
}

/** The issues of the ContractViolation that `build` throws. */
function violationOf(build: () => unknown): ContractViolation {
  try {
    build();
  } catch (error) {
    if (error instanceof ContractViolation) return error;
    throw error;
  }
  throw new Error('Expected a ContractViolation');
}

describe('createEvent', () => {
  it('builds a CloudEvents envelope with the aggregate extensions', () => {
    const event = createEvent(bidSubmittedV1, { ...input(), causationId: 'req-7' });
    expect(event.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(event).toEqual({
      specversion: '1.0',
      id: event.id,
      source: 'zhas/applications',
      type: 'applications.bid.submitted.v1',
      subject: 'bid-1',
      time: '2019-04-15T17:59:31.482Z',
      datacontenttype: 'application/json',
      aggregatetype: 'bid',
      aggregateversion: 3,
      correlationid: 'corr-1',
      causationid: 'req-7',
      data: bidData(),
    });
    expect(envelopeSchema.safeParse(event).success).toBe(true);
  });

  it('uses the given id, and leaves causationid out when there is no cause', () => {
    const id = '7d444840-9dc0-11d1-b245-5ffdce74fad2';
    const event = createEvent(bidSubmittedV1, input({ id }));
    expect(event.id).toBe(id);
    expect(Object.keys(event)).not.toContain('causationid');
  });

  it('gives a new id to every event by default', () => {
    expect(createEvent(bidSubmittedV1, input()).id).not.toBe(createEvent(bidSubmittedV1, input()).id);
  });

  it('produces what parseEvent reads back, through JSON', () => {
    const event = createEvent(bidSubmittedV1, input());
    expect(parseEvent(JSON.parse(JSON.stringify(event)))).toEqual({
      kind: 'event',
      event,
      receivedType: 'applications.bid.submitted.v1',
    });
  });

  it('rejects data that breaks the schema, naming the paths', () => {
    const data = { ...bidData(), requestedAmountKzt: -1, region: undefined };
    const violation = violationOf(() => createEvent(bidSubmittedV1, input({ data })));
    expect(violation).toBeInstanceOf(Error);
    expect(violation.name).toBe('ContractViolation');
    expect(violation.type).toBe('applications.bid.submitted.v1');
    expect(violation.issues.map((issue) => issue.path)).toEqual(
      expect.arrayContaining(['data.requestedAmountKzt', 'data.region']),
    );
    expect(violation.message).toContain('data.requestedAmountKzt');
  });

  it('checks cross-field rules: budget lines add up to the requested amount', () => {
    const data = { ...bidData(), requestedAmountKzt: 950_000 };
    const violation = violationOf(() => createEvent(bidSubmittedV1, input({ data })));
    expect(violation.issues).toEqual([expect.objectContaining({ path: 'data.budgetLines' })]);
  });

  it('rejects unknown keys, at any depth, that a consumer would silently drop', () => {
    const data = {
      ...bidData(),
      budgetLines: [{ category: 'equipment', amountKzt: 900_000, note: 'laptops' }],
      titel: 'typo',
    };
    const violation = violationOf(() => createEvent(bidSubmittedV1, input({ data })));
    expect(violation.issues).toEqual([
      expect.objectContaining({ path: 'data.budgetLines[0].note', code: 'unrecognized_keys' }),
      expect.objectContaining({ path: 'data.titel', code: 'unrecognized_keys' }),
    ]);
  });

  it('rejects personal data even where the schema would allow the value', () => {
    const violation = violationOf(() =>
      createEvent(
        bidSubmittedV1,
        input({ data: { ...bidData(), teamId: '900101300123' }, subject: 'bid-1' }),
      ),
    );
    expect(violation.issues).toEqual([
      expect.objectContaining({ path: 'data.teamId', code: 'personal_data' }),
    ]);
    // The message is safe to log: it does not repeat the value.
    expect(violation.message).not.toContain('900101300123');
  });

  it('requires the subject to be the aggregate id from the data', () => {
    const violation = violationOf(() => createEvent(bidSubmittedV1, input({ subject: 'bid-2' })));
    expect(violation.issues).toEqual([
      expect.objectContaining({ path: 'subject', code: 'subject_mismatch' }),
    ]);
  });

  it.each([
    ['aggregateversion', { aggregateVersion: 0 }],
    ['aggregateversion', { aggregateVersion: 1.5 }],
    ['correlationid', { correlationId: '' }],
    ['causationid', { causationId: '' }],
    ['id', { id: 'not-a-uuid' }],
    ['time', { time: new Date('not a date') }],
  ])('rejects a bad %s', (path, overrides) => {
    const violation = violationOf(() => createEvent(bidSubmittedV1, input(overrides)));
    expect(violation.issues.map((issue) => issue.path)).toEqual([path]);
  });

  it('writes the time in UTC whatever the Date was built from', () => {
    const event = createEvent(roundClosedV1, {
      subject: 'rnd-2019',
      aggregateVersion: 9,
      data: { roundId: 'rnd-2019', outcome: 'cancelled', closedAt: '2019-06-01T00:00:00Z' },
      correlationId: 'corr-2',
      time: new Date('2019-06-01T05:00:00+05:00'),
    });
    expect(event.time).toBe('2019-06-01T00:00:00.000Z');
  });
});

describe('consumers tolerate what producers may add', () => {
  it('drops unknown data keys and unknown envelope extensions instead of rejecting the event', () => {
    const event = createEvent(bidSubmittedV1, input());
    const fromNewerProducer = {
      ...event,
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      data: {
        ...event.data,
        priorityScore: 7,
        budgetLines: [{ category: 'equipment', amountKzt: 900_000, vat: 0 }],
      },
    };
    const result = parseEvent(fromNewerProducer);
    if (result.kind !== 'event') throw new Error(JSON.stringify(result));
    expect(result.event).not.toHaveProperty('traceparent');
    expect(result.event.data).not.toHaveProperty('priorityScore');
    expect(result.event.data).toEqual({
      ...event.data,
      budgetLines: [{ category: 'equipment', amountKzt: 900_000 }],
    });
  });

  it('but the same additions are refused to a producer', () => {
    const data = { ...bidData(), priorityScore: 7 };
    expect(() => createEvent(bidSubmittedV1, input({ data }))).toThrow(ContractViolation);
  });
});
