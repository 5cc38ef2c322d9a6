import { z } from 'zod';
import { type AnyEventDefinition, defineEvent, subjectKeyOf } from './define-event';
import { type Service } from './topics';

const schema = z.object({ gadgetId: z.string(), size: z.number() });
const v1 = defineEvent({ service: 'tracking', aggregate: 'gadget', name: 'made', version: 1, schema });

describe('defineEvent', () => {
  it('derives the type, family, source and subject key', () => {
    expect(v1).toMatchObject({
      type: 'tracking.gadget.made.v1',
      family: 'tracking.gadget.made',
      source: 'zhas/tracking',
      subjectKey: 'gadgetId',
      upcaster: undefined,
    });
    const _type: 'tracking.gadget.made.v1' = v1.type;
    expect(_type).toBe(v1.type);
  });

  it('names the subject key after the aggregate in camelCase', () => {
    expect(subjectKeyOf('host-application')).toBe('hostApplicationId');
    expect(subjectKeyOf('indicator-snapshot')).toBe('indicatorSnapshotId');
    expect(subjectKeyOf('bid')).toBe('bidId');
  });

  it('wraps the upcaster so it parses the previous version first', () => {
    const v2 = defineEvent({
      service: 'tracking',
      aggregate: 'gadget',
      name: 'made',
      version: 2,
      schema: z.object({ gadgetId: z.string(), sizeMm: z.number() }),
      upcast: { from: v1, migrate: ({ gadgetId, size }) => ({ gadgetId, sizeMm: size * 10 }) },
    });
    expect(v2.upcaster?.fromType).toBe('tracking.gadget.made.v1');
    expect(v2.upcaster?.upcast({ gadgetId: 'g', size: 2 })).toEqual({ gadgetId: 'g', sizeMm: 20 });
    expect(() => v2.upcaster?.upcast({ gadgetId: 'g' })).toThrow();
  });

  it.each([
    ['an unknown service', { service: 'payments' as Service }, /unknown service/],
    ['a non-kebab aggregate', { aggregate: 'Gadget' }, /aggregate must be kebab-case/],
    ['a non-kebab name', { name: 'made_now' }, /name must be kebab-case/],
    ['version 0', { version: 0 }, /positive integer/],
    ['a fractional version', { version: 1.5 }, /positive integer/],
  ])('refuses %s', (_, overrides, message) => {
    expect(() =>
      defineEvent({
        service: 'tracking',
        aggregate: 'gadget',
        name: 'made',
        version: 1,
        schema,
        ...overrides,
      }),
    ).toThrow(message);
  });

  it('requires an upcaster from the previous version of the same event from version 2 on', () => {
    expect(() =>
      defineEvent({ service: 'tracking', aggregate: 'gadget', name: 'made', version: 2, schema }),
    ).toThrow(/needs an upcaster/);
    const other: AnyEventDefinition = defineEvent({
      service: 'tracking',
      aggregate: 'gizmo',
      name: 'made',
      version: 1,
      schema,
    });
    expect(() =>
      defineEvent({
        service: 'tracking',
        aggregate: 'gadget',
        name: 'made',
        version: 2,
        schema,
        upcast: { from: other, migrate: (data) => ({ gadgetId: String(data.gadgetId), size: 1 }) },
      }),
    ).toThrow(/must start from tracking\.gadget\.made\.v1/);
    expect(() =>
      defineEvent({
        service: 'tracking',
        aggregate: 'gadget',
        name: 'made',
        version: 3,
        schema,
        upcast: { from: v1, migrate: (data) => data },
      }),
    ).toThrow(/must start from tracking\.gadget\.made\.v2/);
  });

  it('refuses an upcaster on version 1', () => {
    expect(() =>
      defineEvent({
        service: 'tracking',
        aggregate: 'gadget',
        name: 'made',
        version: 1,
        schema,
        upcast: { from: v1, migrate: (data) => data },
      }),
    ).toThrow(/nothing to upcast/);
  });
});
