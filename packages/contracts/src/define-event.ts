import { type z } from 'zod';
import { isService, type Service } from './topics';

/** A schema of an event's data: always a JSON object. */
export type DataSchema = z.ZodType<Record<string, unknown>>;

/** Converts data of the previous version into the input of this one; it runs only on data that passed its schema. */
export interface Upcaster {
  readonly fromType: string;
  readonly upcast: (previousData: unknown) => unknown;
}

/** What the catalogue knows about one version of one event. */
export interface EventDefinition<TType extends string = string, TSchema extends DataSchema = DataSchema> {
  /** '<service>.<aggregate>.<name>.v<version>', e.g. 'applications.bid.submitted.v1'. */
  readonly type: TType;
  readonly service: Service;
  /** The aggregate whose id is the envelope's subject and the Kafka key, e.g. 'bid'. */
  readonly aggregate: string;
  /** Past tense, kebab-case, e.g. 'submitted', 'check-failed'. */
  readonly name: string;
  readonly version: number;
  /** The type without its version, shared by all versions of the event: 'applications.bid.submitted'. */
  readonly family: string;
  /** The CloudEvents source: 'zhas/<service>'. */
  readonly source: string;
  /** The data field that holds the aggregate id and must equal the envelope's subject, e.g. 'bidId'. */
  readonly subjectKey: string;
  readonly schema: TSchema;
  /** From version 2 on: how to turn data of version - 1 into data of this version. */
  readonly upcaster: Upcaster | undefined;
}

export type AnyEventDefinition = EventDefinition<string, DataSchema>;

export interface EventSpec<
  TService extends Service,
  TAggregate extends string,
  TName extends string,
  TVersion extends number,
  TSchema extends DataSchema,
  TPrevious extends AnyEventDefinition,
> {
  readonly service: TService;
  readonly aggregate: TAggregate;
  readonly name: TName;
  readonly version: TVersion;
  readonly schema: TSchema;
  /** Required from version 2 on, forbidden on version 1. It must be deterministic: replays must give the same data. */
  readonly upcast?: {
    readonly from: TPrevious;
    readonly migrate: (previous: z.output<TPrevious['schema']>) => z.input<TSchema>;
  };
}

const segment = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** 'host-application' -> 'hostApplicationId'. */
export function subjectKeyOf(aggregate: string): string {
  return `${aggregate.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase())}Id`;
}

/**
 * Declares one version of an event. Mistakes in the declaration (a bad name, a missing or misplaced upcaster)
 * throw when the module loads, so they fail every test rather than a consumer in production.
 */
export function defineEvent<
  const TService extends Service,
  const TAggregate extends string,
  const TName extends string,
  const TVersion extends number,
  TSchema extends DataSchema,
  TPrevious extends AnyEventDefinition = never,
>(
  spec: EventSpec<TService, TAggregate, TName, TVersion, TSchema, TPrevious>,
): EventDefinition<`${TService}.${TAggregate}.${TName}.v${TVersion}`, TSchema> {
  const { service, aggregate, name, version, schema, upcast } = spec;
  const family = `${service}.${aggregate}.${name}` as const;
  if (!isService(service)) throw new Error(`${family}: unknown service '${String(service)}'`);
  if (!segment.test(aggregate)) throw new Error(`${family}: the aggregate must be kebab-case`);
  if (!segment.test(name)) throw new Error(`${family}: the name must be kebab-case`);
  if (!Number.isSafeInteger(version) || version < 1)
    throw new Error(`${family}: the version must be a positive integer`);
  const type = `${family}.v${version}` as const;

  let upcaster: Upcaster | undefined;
  if (version === 1) {
    if (upcast) throw new Error(`${type}: version 1 has nothing to upcast from`);
  } else {
    if (!upcast) throw new Error(`${type}: version ${version} needs an upcaster from version ${version - 1}`);
    const { from, migrate } = upcast;
    if (from.family !== family || from.version !== version - 1) {
      throw new Error(`${type}: the upcaster must start from ${family}.v${version - 1}, not ${from.type}`);
    }
    upcaster = {
      fromType: from.type,
      // Parsing again (cheap) makes the upcaster safe on its own. The cast only restates what parsing proved:
      // TypeScript cannot resolve a schema's output type through the generic TPrevious.
      upcast: (previousData) => migrate(from.schema.parse(previousData) as z.output<TPrevious['schema']>),
    };
  }

  return {
    type,
    service,
    aggregate,
    name,
    version,
    family,
    source: `zhas/${service}`,
    subjectKey: subjectKeyOf(aggregate),
    schema,
    upcaster,
  };
}
