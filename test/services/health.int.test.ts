import { startService, type StartedService, type BaseConfig } from '@zhas/service-kit';
import * as applications from '@zhas/applications';
import * as competitions from '@zhas/competitions';
import * as reporting from '@zhas/reporting';
import * as tracking from '@zhas/tracking';
import { uniqueName } from '@zhas/testing';

type Started = Pick<StartedService<BaseConfig>, 'url' | 'stop'> & { dropDatabase: () => Promise<void> };

/** Starts a service module in-process; one function per module keeps each one's own config type. */
function starter<S extends Parameters<typeof startService>[0]['configSchema']>(module: {
  SERVICE_NAME: Parameters<typeof startService>[0]['name'];
  configSchema: S;
  composeService: Parameters<typeof startService<S>>[0]['compose'];
}) {
  return async (env: NodeJS.ProcessEnv): Promise<Started> => {
    const service = await startService({
      name: module.SERVICE_NAME,
      configSchema: module.configSchema,
      compose: module.composeService,
      env,
      handleSignals: false,
    });
    return { url: service.url, stop: service.stop, dropDatabase: () => service.deps.mongo.dropDatabase() };
  };
}

const services = [
  { name: 'competitions', start: starter(competitions) },
  { name: 'applications', start: starter(applications) },
  { name: 'tracking', start: starter(tracking) },
  { name: 'reporting', start: starter(reporting) },
];

const env = (overrides: Record<string, string> = {}) => ({
  ...process.env,
  PORT: '0',
  LOG_LEVEL: 'silent',
  MONGO_DB: uniqueName('health'),
  ...overrides,
});

describe.each(services)('the $name service', ({ start }) => {
  let service: Started | undefined;
  afterEach(async () => {
    await service?.dropDatabase();
    await service?.stop();
    service = undefined;
  });

  test('is live and ready when its database and Kafka answer', async () => {
    service = await start(env());
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
    service = await start(env({ KAFKA_BROKERS: '127.0.0.1:1' }));
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
