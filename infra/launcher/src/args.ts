import { parseArgs } from 'node:util';
import { parseBrokerCount } from './kafka';

/**
 * The launcher's command-line options, applied to a copy of the environment so that everything downstream reads
 * one source: `--kafka-brokers 3` is ZHAS_KAFKA_BROKER_COUNT=3 (a local cluster of three brokers).
 */
export function envWithArgs(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  const { values } = parseArgs({
    args: [...args],
    options: { 'kafka-brokers': { type: 'string' } },
    strict: true,
  });
  const brokers = values['kafka-brokers'];
  if (brokers === undefined) return env;
  return { ...env, ZHAS_KAFKA_BROKER_COUNT: String(parseBrokerCount(brokers)) };
}
