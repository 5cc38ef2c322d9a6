import './instrument';
import { runService } from '@zhas/service-kit';
import { composeService } from './app';
import { configSchema, SERVICE_NAME } from './config';

runService({ name: SERVICE_NAME, configSchema, compose: composeService }).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
