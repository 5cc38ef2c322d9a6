import { type ComposedService, type ServiceDependencies } from '@zhas/service-kit';
import { type Config } from './config';

/** The composition root of the applications service: wires its features to the database and Kafka. */
export function composeService(_deps: ServiceDependencies<Config>): ComposedService {
  return {};
}
