import { type AggregateStore } from '@zhas/messaging';
import { type ComposedService, type ServiceDependencies } from './bootstrap';
import { type BaseConfig } from './config';
import { declareAuditTrailRoute } from './http/audit-trail';
import { type Api } from './http/routes';

/*
 * The composition root of every service has the same shape: build the context its features share, create the
 * indexes, declare each feature's routes (and the audit trail over the aggregates it keeps for people), then give
 * back the event handlers. What is the same in every service is written here once.
 */

/** A service's composition root: what `runService` and `startService` call with the service's dependencies. */
export type ComposeService<C extends BaseConfig> = (
  deps: ServiceDependencies<C>,
) => Promise<ComposedService> | ComposedService;

/** What a command needs from the service besides its stores: the clock and the idempotent-request runner. */
export type CommandContext = Pick<ServiceDependencies<BaseConfig>, 'now' | 'idempotent'>;

/** A feature's routes module: one `declareRoutes(api, context)` shape in every service. */
export interface FeatureRoutes<Context> {
  declareRoutes(api: Api, context: Context): void;
}

/** A store with indexes to create before the service takes requests. */
export interface Indexed {
  ensureIndexes(): Promise<unknown>;
}

export interface FeatureWiring<Context> {
  /** The stores whose indexes are created (together) before any route is declared. */
  readonly indexed?: readonly Indexed[];
  /** The features, in the order their routes appear in the OpenAPI document. */
  readonly features: readonly FeatureRoutes<Context>[];
  /** The aggregate stores `GET /audit-trail/{aggregateId}` reads; without them the service has no such route. */
  readonly auditTrail?: readonly AggregateStore<Record<string, unknown>>[];
}

/** Creates the stores' indexes, then declares the features' routes and the audit trail on the service's API. */
export async function declareFeatures<Context>(
  api: Api,
  context: Context,
  { indexed = [], features, auditTrail }: FeatureWiring<Context>,
): Promise<void> {
  await Promise.all(indexed.map((store) => store.ensureIndexes()));
  for (const feature of features) feature.declareRoutes(api, context);
  if (auditTrail) declareAuditTrailRoute(api, auditTrail);
}
