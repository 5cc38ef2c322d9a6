import { startService, type StartedService, type BaseConfig } from '@zhas/service-kit';
import { configSchema as applications } from '../../services/applications/src/config';
import { configSchema as competitions } from '../../services/competitions/src/config';
import { configSchema as reporting } from '../../services/reporting/src/config';
import { configSchema as tracking } from '../../services/tracking/src/config';
import { composeService as composeApplications } from '../../services/applications/src/app';
import { composeService as composeCompetitions } from '../../services/competitions/src/app';
import { composeService as composeReporting } from '../../services/reporting/src/app';
import { composeService as composeTracking } from '../../services/tracking/src/app';
import { uniqueName } from '../names';

const services = [
  { name: 'competitions', configSchema: competitions, compose: composeCompetitions },
  { name: 'applications', configSchema: applications, compose: composeApplications },
  { name: 'tracking', configSchema: tracking, compose: composeTracking },
  { name: 'reporting', configSchema: reporting, compose: composeReporting },
] as const;

const env = (overrides: Record<string, string> = {}) => ({
  ...process.env,
  PORT: '0',
  LOG_LEVEL: 'silent',
  MONGO_DB: uniqueName('health'),
  ...overrides,
});

describe.each(services)('the $name service', ({ name, configSchema, compose }) => {
  let service: StartedService<BaseConfig> | undefined;
  afterEach(async () => {
    await service?.deps.mongo.dropDatabase();
    await service?.stop();
    service = undefined;
  });

  test('is live and ready when its database and Kafka answer', async () => {
    service = await startService({ name, configSchema, compose, env: env(), handleSignals: false });
    const live = await fetch(`${service.url}/health/live`);
    const ready = await fetch(`${service.url}/health/ready`);
    expect(live.status).toBe(200);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      checks: { mongodb: { status: 'up' }, kafka: { status: 'up' } },
    });
  });

  test('is live but not ready when Kafka does not answer', async () => {
    service = await startService({
      name,
      configSchema,
      compose,
      env: env({ KAFKA_BROKERS: '127.0.0.1:1' }),
      handleSignals: false,
    });
    const live = await fetch(`${service.url}/health/live`);
    const ready = await fetch(`${service.url}/health/ready`);
    expect(live.status).toBe(200);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({
      status: 'not-ready',
      checks: { mongodb: { status: 'up' }, kafka: { status: 'down' } },
    });
  });
});
