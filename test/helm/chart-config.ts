/**
 * node test/dist/helm/chart-config.js <rendered.yaml>...
 *
 * Checks the configuration a rendering of the Helm chart (infra/helm) gives each process with the same zod schemas
 * the process checks at start: for every Deployment, the variables of the ConfigMaps and Secrets it reads are parsed
 * with the service's `configSchema` and the authentication settings. Secrets made outside the chart are stood in for
 * by placeholders of the right shape. Exits 1 naming each problem.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAuthSettings, loadConfig, PersonalDataVault, type PersonalDataConfig } from '@zhas/service-kit';
import { parseAllDocuments } from 'yaml';
import { type z } from 'zod';

interface Manifest {
  kind?: string;
  metadata?: { name?: string };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  spec?: {
    template?: {
      spec?: {
        initContainers?: Container[];
        containers?: Container[];
      };
    };
  };
}
interface Container {
  name: string;
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  env?: { name: string; value?: string }[];
}

/** Stand-ins for secrets made outside the chart: the shape each schema asks for. */
const PLACEHOLDERS: Record<string, string> = {
  MONGO_URL: 'mongodb://user:secret@mongo-0.mongodb:27017,mongo-1.mongodb:27017/?replicaSet=zhas',
  IIN_INDEX_KEY: 'a-placeholder-key-of-32-characters',
  OIDC_CLIENT_SECRET: 'a-placeholder-client-secret',
  PORTAL_SESSION_SECRET: 'a-placeholder-session-secret-of-32-characters',
  PERSONAL_DATA_KEYS: 'placeholder:YS1wbGFjZWhvbGRlci1rZXktb2YtMzItYnl0ZXMhISE=',
};

const repoRoot = join(__dirname, '..', '..', '..');

/** The schema in services/<process>/src/config.ts, as built; undefined when the process is not in this checkout. */
async function schemaOf(process: string): Promise<z.ZodType | 'absent' | undefined> {
  if (!existsSync(join(repoRoot, 'services', process, 'src', 'config.ts'))) return 'absent';
  const module = (await import(join(repoRoot, 'services', process, 'dist', 'config.js'))) as {
    configSchema?: z.ZodType;
  };
  return module.configSchema;
}

async function check(file: string): Promise<string[]> {
  const manifests = parseAllDocuments(readFileSync(file, 'utf8'))
    .map((document) => document.toJS() as Manifest | null)
    .filter((manifest): manifest is Manifest => manifest !== null);
  const named = (kind: string, name: string) =>
    manifests.find((manifest) => manifest.kind === kind && manifest.metadata?.name === name);
  const problems: string[] = [];
  const workloads = manifests.filter((manifest) => manifest.kind === 'Deployment' || manifest.kind === 'Job');
  for (const workload of workloads) {
    const pod = workload.spec?.template?.spec;
    for (const container of [...(pod?.initContainers ?? []), ...(pod?.containers ?? [])]) {
      const where = `${file}: ${workload.kind} ${workload.metadata?.name}, container ${container.name}`;
      const env: Record<string, string> = {};
      for (const source of container.envFrom ?? []) {
        if (source.configMapRef) {
          const map = named('ConfigMap', source.configMapRef.name);
          if (!map) problems.push(`${where}: no ConfigMap ${source.configMapRef.name}`);
          Object.assign(env, map?.data ?? {});
        }
        if (source.secretRef) {
          const secret = named('Secret', source.secretRef.name);
          // A Secret made outside the chart: its keys are listed in values.yaml; placeholders stand in.
          Object.assign(env, secret ? (secret.stringData ?? {}) : PLACEHOLDERS);
        }
      }
      for (const variable of container.env ?? []) env[variable.name] = variable.value ?? '';
      const process = container.name.replace(/^setup-/, '');
      const schema = await schemaOf(process);
      if (schema === 'absent') {
        console.warn(`${where}: not checked (services/${process} is not in this checkout)`);
        continue;
      }
      if (!schema) {
        problems.push(`${where}: services/${process}/src/config.ts exports no configSchema`);
        continue;
      }
      for (const load of [
        () => keysUsable(loadConfig(schema, env)),
        ...(process === 'portal' ? [] : [() => loadAuthSettings(env)]),
      ]) {
        try {
          load();
        } catch (error) {
          problems.push(`${where}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
  }
  if (workloads.length === 0) problems.push(`${file}: no Deployment or Job`);
  return problems;
}

/**
 * A process that seals personal data refuses to start in production with the public local key; that check is the
 * vault's, not the schema's, so it is made here too.
 */
function keysUsable(config: unknown): void {
  if (typeof config === 'object' && config !== null && 'PERSONAL_DATA_KEYS' in config)
    new PersonalDataVault(config as PersonalDataConfig);
}

async function main(files: readonly string[]): Promise<number> {
  if (files.length === 0) {
    console.error('usage: node test/dist/helm/chart-config.js <rendered.yaml>...');
    return 2;
  }
  const problems = (await Promise.all(files.map(check))).flat();
  for (const problem of problems) console.error(problem);
  if (problems.length === 0)
    console.log(`configuration of every process checked with its schema: ${files.join(', ')}`);
  return problems.length === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
