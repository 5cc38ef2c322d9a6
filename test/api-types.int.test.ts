/**
 * The portal's API client types are generated from the four services' OpenAPI documents and checked in
 * (services/portal/web/src/api/generated). This test starts each service, generates the types from its
 * /openapi.json and fails when they differ from the checked-in ones: a service's API changed and the portal was
 * not regenerated. `npm run api:types` writes them instead.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startService, type BaseConfig, type StartedService } from '@zhas/service-kit';
import * as applications from '@zhas/applications';
import * as competitions from '@zhas/competitions';
import * as reporting from '@zhas/reporting';
import * as tracking from '@zhas/tracking';
import { uniqueName } from '@zhas/testing';

const GENERATED = path.join(__dirname, '..', 'services', 'portal', 'web', 'src', 'api', 'generated');
const UPDATE = process.env.ZHAS_UPDATE_API_TYPES === '1';

type Started = Pick<StartedService<BaseConfig>, 'url' | 'stop'> & { dropDatabase: () => Promise<void> };

function starter<S extends Parameters<typeof startService>[0]['configSchema']>(module: {
  SERVICE_NAME: Parameters<typeof startService>[0]['name'];
  configSchema: S;
  composeService: Parameters<typeof startService<S>>[0]['compose'];
}) {
  return async (): Promise<Started> => {
    const service = await startService({
      name: module.SERVICE_NAME,
      configSchema: module.configSchema,
      compose: module.composeService,
      env: {
        ...process.env,
        PORT: '0',
        LOG_LEVEL: 'silent',
        MONGO_DB: uniqueName(`api-${module.SERVICE_NAME}`),
        TOPIC_PREFIX: uniqueName('api'),
      },
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

/**
 * The client types of one service's OpenAPI document, by openapi-typescript's command (its library is an ES module
 * that jest's CommonJS runtime cannot load).
 */
function clientTypes(name: string, document: unknown): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'zhas-api-types-'));
  try {
    const input = path.join(dir, `${name}.json`);
    const output = path.join(dir, `${name}.ts`);
    writeFileSync(input, JSON.stringify(document));
    const cli = path.join(__dirname, '..', 'node_modules', 'openapi-typescript', 'bin', 'cli.js');
    execFileSync(process.execPath, [cli, input, '--output', output], { stdio: 'pipe' });
    return `// Generated from the ${name} service's /openapi.json by \`npm run api:types\`; do not edit.\n${readFileSync(output, 'utf8')}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the portal API client types', () => {
  it.each(services)('match the $name service', async ({ name, start }) => {
    const service = await start();
    try {
      const document: unknown = await (await fetch(`${service.url}/openapi.json`)).json();
      const types = clientTypes(name, document);
      const file = path.join(GENERATED, `${name}.ts`);
      if (UPDATE) {
        writeFileSync(file, types);
      } else {
        const checkedIn = existsSync(file) ? readFileSync(file, 'utf8') : '';
        if (checkedIn !== types) {
          throw new Error(
            `${path.relative(process.cwd(), file)} is out of date with the ${name} service's API: run npm run api:types and commit the result`,
          );
        }
      }
    } finally {
      await service.dropDatabase();
      await service.stop();
    }
  });
});
