import { startService, type StartedService, type BaseConfig } from '@zhas/service-kit';
import * as applications from '@zhas/applications';
import * as competitions from '@zhas/competitions';
import * as reporting from '@zhas/reporting';
import * as tracking from '@zhas/tracking';
import { uniqueName } from '@zhas/testing';

const services = [
  { name: 'competitions', configSchema: competitions.configSchema, compose: competitions.composeService },
  { name: 'applications', configSchema: applications.configSchema, compose: applications.composeService },
  { name: 'tracking', configSchema: tracking.configSchema, compose: tracking.composeService },
  { name: 'reporting', configSchema: reporting.configSchema, compose: reporting.composeService },
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
