import { z } from 'zod';
import {
  type AnyEventType,
  type ApplicationsEvent,
  catalogue,
  type CompetitionsEvent,
  createCatalogue,
  type DataOf,
  definitionOf,
  definitionsOf,
  eventDefinitions,
  type EventOfType,
  eventTypes,
  isEventType,
  latestEventDefinitions,
  parseEvent,
  type ReportingEvent,
  supersededEventDefinitions,
  type TrackingEvent,
  type ZhasEvent,
  type ZhasEventType,
} from './catalogue';
import { defineEvent } from './define-event';
import { createEvent, eventTypePattern } from './envelope';
import { participantRegisteredV1, participantRegisteredV2 } from './events/applications';
import { readFixture } from './fixtures';
import { services } from './topics';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

describe('the catalogue', () => {
  it('has one latest version of each of the 51 events and keeps the superseded ones', () => {
    expect(latestEventDefinitions).toHaveLength(51);
    expect(eventTypes).toHaveLength(51);
    expect(catalogue.latest.map((definition) => definition.type).sort()).toEqual([...eventTypes].sort());
    expect(supersededEventDefinitions.map((definition) => definition.type)).toEqual([
      'applications.participant.registered.v1',
    ]);
  });

  it.each(eventDefinitions.map((definition) => [definition.type, definition] as const))(
    '%s is named by its parts',
    (type, definition) => {
      expect(type).toMatch(eventTypePattern);
      expect(type).toBe(
        `${definition.service}.${definition.aggregate}.${definition.name}.v${definition.version}`,
      );
      expect(definition.source).toBe(`zhas/${definition.service}`);
      expect(definitionOf(type)).toBe(definition);
    },
  );

  it('lists each service’s events under it', () => {
    const counts = Object.fromEntries(services.map((service) => [service, definitionsOf(service).length]));
    expect(counts).toEqual({ competitions: 9, applications: 18, tracking: 23, reporting: 1 });
  });

  it('knows the latest types and no others', () => {
    expect(isEventType('applications.bid.submitted.v1')).toBe(true);
    expect(isEventType('applications.participant.registered.v1')).toBe(false);
    expect(isEventType('applications.bid.submitted')).toBe(false);
    expect(isEventType(42)).toBe(false);
  });

  it('refuses an incomplete version chain when it is built', () => {
    expect(() => createCatalogue([participantRegisteredV2])).toThrow(/registered\.v1 is missing/);
    expect(() => createCatalogue([participantRegisteredV1, participantRegisteredV1])).toThrow(
      /defined twice/,
    );
  });
});

describe('parseEvent', () => {
  const bid = readFixture('applications.bid.submitted.v1') as Record<string, unknown>;

  it('returns the event, typed by its type', () => {
    const result = parseEvent(bid);
    if (result.kind !== 'event') throw new Error(JSON.stringify(result));
    expect(result.event.type).toBe('applications.bid.submitted.v1');
    if (result.event.type === 'applications.bid.submitted.v1') {
      expect(result.event.data.requestedAmountKzt).toBe(980_000);
    }
  });

  it('upcasts participant registration v1 to v2, deterministically', () => {
    const raw = readFixture('applications.participant.registered.v1') as { id: string };
    const first = parseEvent(raw);
    if (first.kind !== 'event') throw new Error(JSON.stringify(first));
    expect(first.receivedType).toBe('applications.participant.registered.v1');
    expect(first.event).toMatchObject({
      type: 'applications.participant.registered.v2',
      id: raw.id,
      subject: 'prt-7f3c9a1e',
      aggregateversion: 1,
    });
    expect(first.event.data).toEqual({
      participantId: 'prt-7f3c9a1e',
      roundId: 'rnd-2019',
      sex: 'female',
      birthYear: null,
      ageBand: '18-24',
      region: 'akmola',
      settlement: 'rural',
      educationLevel: 'technical-vocational',
      neet: true,
      vulnerability: ['low-income', 'rural-youth'],
      consents: {
        'programme-participation': true,
        'monitoring-evaluation': true,
        'follow-up-survey': false,
        publicity: false,
      },
      registeredAt: '2019-03-04T07:45:10.000Z',
    });
    // A replay from offset zero must rebuild the same read models.
    expect(parseEvent(raw)).toEqual(first);
  });

  it('leaves the latest version as it is', () => {
    const raw = readFixture('applications.participant.registered.v2') as { data: unknown };
    const result = parseEvent(raw);
    if (result.kind !== 'event') throw new Error(JSON.stringify(result));
    expect(result.receivedType).toBe('applications.participant.registered.v2');
    expect(result.event.data).toEqual(raw.data);
  });

  it('reports unknown types, and says when the type is a newer version of a known event', () => {
    expect(parseEvent({ ...bid, type: 'applications.bid.frobnicated.v1' })).toEqual({
      kind: 'unknown',
      type: 'applications.bid.frobnicated.v1',
      id: bid.id,
      newerThanKnown: false,
    });
    expect(parseEvent({ ...bid, type: 'applications.bid.submitted.v2' })).toMatchObject({
      kind: 'unknown',
      newerThanKnown: true,
    });
    expect(parseEvent({ ...bid, type: 'applications.participant.registered.v3' })).toMatchObject({
      kind: 'unknown',
      newerThanKnown: true,
    });
  });

  it.each([
    ['a string', 'not an event', []],
    ['null', null, []],
    ['no data', { ...bid, data: undefined }, ['data']],
    ['data that is not an object', { ...bid, data: [1] }, ['data']],
    ['another specversion', { ...bid, specversion: '0.3' }, ['specversion']],
    ['a non-UUID id', { ...bid, id: 'abc' }, ['id']],
    ['a time with an offset', { ...bid, time: '2019-04-15T22:59:31+05:00' }, ['time']],
    ['a malformed type', { ...bid, type: 'BidSubmitted' }, ['type']],
    ['a zero aggregate version', { ...bid, aggregateversion: 0 }, ['aggregateversion']],
    ['no correlation id', { ...bid, correlationid: undefined }, ['correlationid']],
  ])('reports an invalid envelope: %s', (_, raw, paths) => {
    const result = parseEvent(raw);
    expect(result.kind).toBe('invalid');
    if (result.kind === 'invalid')
      expect(result.issues.map((issue) => issue.path)).toEqual(expect.arrayContaining(paths));
  });

  it('reports invalid data with the failing paths, and the type and id for the log', () => {
    const data = { ...(bid.data as object), requestedAmountKzt: '980000' };
    expect(parseEvent({ ...bid, data })).toEqual({
      kind: 'invalid',
      type: 'applications.bid.submitted.v1',
      id: bid.id,
      issues: [expect.objectContaining({ path: 'data.requestedAmountKzt', code: 'invalid_type' })],
    });
  });

  it.each([
    ['source', { source: 'zhas/tracking' }],
    ['aggregatetype', { aggregatetype: 'team' }],
    ['subject', { subject: 'bid-other' }],
  ])('reports an envelope that contradicts its type: %s', (path, overrides) => {
    const result = parseEvent({ ...bid, ...overrides });
    expect(result).toMatchObject({ kind: 'invalid', issues: [expect.objectContaining({ path })] });
  });

  it('never throws, whatever it is given', () => {
    for (const raw of [
      undefined,
      0,
      [],
      {},
      { data: {} },
      Object.create(null),
      { ...bid, data: { bidId: {} } },
    ]) {
      expect(() => parseEvent(raw)).not.toThrow();
    }
  });
});

describe('upcasting in a catalogue', () => {
  const v1 = defineEvent({
    service: 'tracking',
    aggregate: 'widget',
    name: 'made',
    version: 1,
    schema: z.object({ widgetId: z.string(), size: z.number() }),
  });
  const v2 = defineEvent({
    service: 'tracking',
    aggregate: 'widget',
    name: 'made',
    version: 2,
    schema: z.object({ widgetId: z.string(), sizeCm: z.number().min(0) }),
    upcast: { from: v1, migrate: ({ widgetId, size }) => ({ widgetId, sizeCm: size * 100 }) },
  });
  const v3 = defineEvent({
    service: 'tracking',
    aggregate: 'widget',
    name: 'made',
    version: 3,
    schema: z.object({ widgetId: z.string(), sizeMm: z.number(), colour: z.string() }),
    upcast: {
      from: v2,
      migrate: ({ widgetId, sizeCm }) => ({ widgetId, sizeMm: sizeCm * 10, colour: 'unknown' }),
    },
  });
  const widgets = createCatalogue([v1, v2, v3]);
  const made = (size: number) =>
    createEvent(v1, {
      subject: 'w-1',
      aggregateVersion: 1,
      data: { widgetId: 'w-1', size },
      correlationId: 'c',
      time: new Date(0),
    });

  it('runs every upcaster in turn up to the latest version', () => {
    expect(widgets.parse(made(2))).toMatchObject({
      kind: 'event',
      receivedType: 'tracking.widget.made.v1',
      event: { type: 'tracking.widget.made.v3', data: { widgetId: 'w-1', sizeMm: 2000, colour: 'unknown' } },
    });
  });

  it('reports an upcast result that breaks the newer schema as invalid', () => {
    const result = widgets.parse(made(-1));
    if (result.kind !== 'invalid') throw new Error(JSON.stringify(result));
    expect(result.issues).toMatchObject([{ path: 'data', code: 'upcast_failed' }]);
    expect(result.issues[0]?.message).toContain('data.sizeCm');
  });

  it('reports an upcaster that throws as invalid', () => {
    const v2Throwing = defineEvent({
      ...v2,
      upcast: {
        from: v1,
        migrate: () => {
          throw new Error('boom');
        },
      },
    });
    const result = createCatalogue([v1, v2Throwing]).parse(made(1));
    if (result.kind !== 'invalid') throw new Error(JSON.stringify(result));
    expect(result.issues).toMatchObject([{ code: 'upcast_failed' }]);
    expect(result.issues[0]?.message).toContain('boom');
  });
});

describe('event types (checked by the compiler)', () => {
  it('lets consumers switch exhaustively over a service’s events', () => {
    function regionOf(event: CompetitionsEvent): string | undefined {
      switch (event.type) {
        case 'competitions.round.published.v1':
        case 'competitions.round.rules-revised.v1':
          return event.data.regions[0];
        case 'competitions.round.closed.v1':
          return undefined;
        case 'competitions.host-application.submitted.v1':
        case 'competitions.host-application.withdrawn.v1':
        case 'competitions.host-application.eligibility-decided.v1':
        case 'competitions.host-application.scored.v1':
        case 'competitions.host-application.selected.v1':
        case 'competitions.host-application.rejected.v1':
          return event.data.region;
        default: {
          // Adding an event to the service makes this assignment a compile error until it is handled above.
          const unhandled: never = event;
          return unhandled;
        }
      }
    }
    const result = parseEvent(readFixture('competitions.host-application.selected.v1'));
    if (result.kind !== 'event' || !result.event.type.startsWith('competitions.'))
      throw new Error('unexpected');
    expect(regionOf(result.event as CompetitionsEvent)).toBe('akmola');
  });

  it('derives data and envelope types from type names', () => {
    const _amount: Equals<DataOf<'applications.bid.submitted.v1'>['requestedAmountKzt'], number> = true;
    const _birthYear: Equals<DataOf<'applications.participant.registered.v2'>['birthYear'], number | null> =
      true;
    const _oldUrban: Equals<DataOf<'applications.participant.registered.v1'>['urban'], boolean> = true;
    const _envelope: Equals<EventOfType<'tracking.stipend.paid.v1'>['type'], 'tracking.stipend.paid.v1'> =
      true;
    // Consumers only ever see the latest version.
    const _latestOnly: Equals<Extract<ZhasEventType, 'applications.participant.registered.v1'>, never> = true;
    const _allVersions: Equals<
      Extract<AnyEventType, 'applications.participant.registered.v1'>,
      never
    > = false;
    const _partition: Equals<
      CompetitionsEvent | ApplicationsEvent | TrackingEvent | ReportingEvent,
      ZhasEvent
    > = true;
    const _reporting: Equals<ReportingEvent['type'], 'reporting.indicator-snapshot.published.v1'> = true;
    expect([
      _amount,
      _birthYear,
      _oldUrban,
      _envelope,
      _latestOnly,
      _allVersions,
      _partition,
      _reporting,
    ]).toEqual([true, true, true, true, true, false, true, true]);
  });
});
