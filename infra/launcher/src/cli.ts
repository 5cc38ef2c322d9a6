#!/usr/bin/env node
/**
 * npm run infra:up | infra:status | infra:down   [-- --kafka-brokers 3]
 * Manages the embedded Kafka, FerretDB and Keycloak of local development. Servers given by KAFKA_BROKERS / MONGO_URL are
 * only reported, never started or stopped. `--kafka-brokers 3` runs a local cluster of three brokers instead of one.
 */
import { envWithArgs } from './args';
import { down, status, up } from './infrastructure';
import { MissingToolError } from './tools';

async function main(command: string | undefined, args: readonly string[]): Promise<number> {
  const env = envWithArgs(args);
  switch (command) {
    case 'up': {
      const infra = await up({ env, withKeycloak: true });
      console.log(`Kafka    ${infra.kafkaBrokers}  (${infra.kafka})`);
      console.log(`MongoDB  ${infra.mongoUrl}  (${infra.mongo})`);
      if (infra.oidc) console.log(`Keycloak ${infra.oidc.issuer}  (${infra.oidc.state})`);
      return 0;
    }
    case 'status': {
      let healthy = true;
      for (const server of await status({ env })) {
        const pid = server.pid === undefined ? '' : ` pid ${server.pid}`;
        console.log(
          `${server.name.padEnd(8)} ${server.address.padEnd(40)} ${server.source}${pid}  ${server.answers ? 'answering' : 'NOT answering'}`,
        );
        healthy &&= server.answers;
      }
      return healthy ? 0 : 1;
    }
    case 'down': {
      const stopped = await down({ env });
      console.log(
        stopped.length ? `Stopped ${stopped.join(' and ')}.` : 'Nothing started by the launcher is running.',
      );
      return 0;
    }
    default:
      console.error('usage: node infra/launcher/dist/cli.js up|status|down [--kafka-brokers 1|3]');
      return 2;
  }
}

main(process.argv[2], process.argv.slice(3)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof MissingToolError ? error.message : error);
    process.exit(1);
  },
);
