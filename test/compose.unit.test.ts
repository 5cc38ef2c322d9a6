/**
 * Docker is not available on every machine that runs the tests, so docker-compose.yml and docker-compose.cluster.yml
 * are checked statically: they parse, name real services with real entry points, use the ports the services and
 * `npm start` use, pin the versions the embedded launcher and the Helm chart use, and the cluster shape has three
 * Kafka brokers and a MongoDB replica set of three that every service is pointed at.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PORTAL, SERVICES } from '@zhas/launcher';
import { parse } from 'yaml';
import { z } from 'zod';

const root = join(__dirname, '..');

const composeSchema = z.object({
  services: z.record(
    z.string(),
    z.object({
      image: z.string().optional(),
      build: z
        .object({
          context: z.string(),
          dockerfile: z.string(),
          args: z.record(z.string(), z.string()).optional(),
        })
        .optional(),
      environment: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
      ports: z.array(z.string()).optional(),
      volumes: z.array(z.string()).optional(),
      depends_on: z
        .union([
          z.array(z.string()),
          z.record(z.string(), z.object({ condition: z.string(), required: z.boolean().optional() })),
        ])
        .optional(),
      profiles: z.array(z.string()).optional(),
      command: z.array(z.string()).optional(),
    }),
  ),
  volumes: z.record(z.string(), z.unknown()).optional(),
});
type Compose = z.infer<typeof composeSchema>;
type ComposeService = Compose['services'][string];

const read = (file: string) =>
  composeSchema.parse(parse(readFileSync(join(root, file), 'utf8'), { merge: true }));
const compose = read('docker-compose.yml');
const clusterOverride = read('docker-compose.cluster.yml');

/** What `docker compose -f docker-compose.yml -f docker-compose.cluster.yml` makes of the two (the maps merge). */
function merged(base: Compose, override: Compose): Compose {
  const services: Record<string, ComposeService> = { ...base.services };
  for (const [name, service] of Object.entries(override.services)) {
    const under = base.services[name] ?? {};
    const dependencies = (value: ComposeService['depends_on']) =>
      Array.isArray(value)
        ? Object.fromEntries(value.map((each) => [each, { condition: 'service_started' }]))
        : (value ?? {});
    services[name] = {
      ...under,
      ...service,
      environment: { ...under.environment, ...service.environment },
      depends_on: { ...dependencies(under.depends_on), ...dependencies(service.depends_on) },
    };
  }
  return { services, volumes: { ...base.volumes, ...override.volumes } };
}
const cluster = merged(compose, clusterOverride);

const kafkaVersion = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(
  readFileSync(join(root, 'infra', 'kafka', 'pom.xml'), 'utf8'),
)?.[1];
const chartValues = parse(readFileSync(join(root, 'infra', 'helm', 'zhas-grants', 'values.yaml'), 'utf8'), {
  merge: true,
}) as { kafka: { version: string }; mongodb: { version: string } };

describe('docker-compose.yml', () => {
  test('runs MongoDB, Apache Kafka 3.9, an OpenTelemetry collector and a trace viewer', () => {
    expect(compose.services.mongo?.image).toMatch(/^mongo:/);
    expect(compose.services.kafka?.image).toMatch(/^apache\/kafka:3\.9\./);
    expect(compose.services.kafka?.environment?.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(compose.services['otel-collector']?.image).toMatch(/opentelemetry-collector/);
    expect(compose.services.jaeger?.image).toMatch(/^jaegertracing\//);
  });

  test.each(SERVICES)('builds and runs the $name service on port $port', ({ name, port }) => {
    const service = compose.services[name];
    expect(service).toBeDefined();
    expect(service?.build?.args?.SERVICE).toBe(name);
    expect(existsSync(join(root, service?.build?.context ?? '-', service?.build?.dockerfile ?? '-'))).toBe(
      true,
    );
    expect(existsSync(join(root, 'services', name, 'src', 'main.ts'))).toBe(true);
    expect(Number(service?.environment?.PORT)).toBe(port);
    expect(service?.ports).toContain(`127.0.0.1:${port}:${port}`);
    expect(service?.environment?.KAFKA_BROKERS).toBe('kafka:19092');
    expect(service?.environment?.MONGO_URL).toMatch(/^mongodb:\/\/mongo:27017\//);
    const defaultPort = new RegExp(`portSchema\\.default\\(${port}\\)`);
    expect(readFileSync(join(root, 'services', name, 'src', 'config.ts'), 'utf8')).toMatch(defaultPort);
  });

  test('runs Keycloak with the realm npm start imports, and the portal signing in with it', () => {
    const keycloak = compose.services.keycloak;
    expect(keycloak?.image).toMatch(/^quay\.io\/keycloak\/keycloak:26\./);
    expect(keycloak?.volumes).toContain(
      './infra/keycloak/zhas-realm.json:/opt/keycloak/data/import/zhas-realm.json:ro',
    );
    const portal = compose.services.portal;
    expect(portal?.build?.args?.SERVICE).toBe('portal');
    expect(Number(portal?.environment?.PORT)).toBe(PORTAL.port);
    expect(portal?.ports).toContain(`127.0.0.1:${PORTAL.port}:${PORTAL.port}`);
    const issuer = String(portal?.environment?.OIDC_ISSUER);
    expect(compose.services.applications?.environment?.AUTH_ISSUER).toBe(issuer);
    for (const { name, port } of SERVICES) {
      expect(portal?.environment?.[`${name.toUpperCase()}_URL`]).toBe(`http://${name}:${port}`);
    }
  });

  test('pins the Kafka of the embedded launcher and the MongoDB and Kafka of the Helm chart', () => {
    expect(kafkaVersion).toMatch(/^3\.9\.\d+$/);
    expect(chartValues.kafka.version).toBe(kafkaVersion);
    const images = Object.values(cluster.services).map((service) => service.image);
    for (const image of [compose.services.kafka?.image, ...images.filter((each) => each?.includes('kafka'))])
      expect(image).toBe(`apache/kafka:${kafkaVersion}`);
    for (const image of [
      compose.services.mongo?.image,
      ...images.filter((each) => each?.startsWith('mongo')),
    ])
      expect(image).toBe(`mongo:${chartValues.mongodb.version}`);
  });

  test.each([
    ['docker-compose.yml', compose],
    ['the cluster shape', cluster],
  ])('in %s every dependency and mounted file exists', (_, { services, volumes }) => {
    for (const [name, service] of Object.entries(services)) {
      const dependencies = Array.isArray(service.depends_on)
        ? service.depends_on
        : Object.keys(service.depends_on ?? {});
      for (const dependency of dependencies)
        expect([name, dependency, dependency in services]).toEqual([name, dependency, true]);
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0] ?? '';
        if (source.startsWith('.')) expect([volume, existsSync(join(root, source))]).toEqual([volume, true]);
        else expect([volume, source in (volumes ?? {})]).toEqual([volume, true]);
      }
      const hostPorts = Object.values(services).flatMap((each) =>
        (each.profiles ?? []).length > 0 ? [] : (each.ports ?? []).map((port) => port.split(':')[1]),
      );
      expect(new Set(hostPorts).size).toBe(hostPorts.length);
    }
  });

  test('the collector receives OTLP and exports traces to the viewer', () => {
    const collector = parse(readFileSync(join(root, 'infra', 'otel', 'collector.yaml'), 'utf8')) as {
      receivers: Record<string, unknown>;
      service: { pipelines: { traces: { exporters: string[] } } };
    };
    expect(Object.keys(collector.receivers)).toContain('otlp');
    expect(collector.service.pipelines.traces.exporters.some((exporter) => exporter.includes('jaeger'))).toBe(
      true,
    );
  });
});

describe('docker-compose.cluster.yml (the production shape)', () => {
  const kafkaNodes = ['kafka-1', 'kafka-2', 'kafka-3'];
  const mongoNodes = ['mongo-1', 'mongo-2', 'mongo-3'];

  test('runs three Kafka brokers in one KRaft quorum, replicating three times with two in sync', () => {
    const voters = kafkaNodes.map((name, index) => `${index + 1}@${name}:9093`).join(',');
    const clusterIds = new Set<unknown>();
    kafkaNodes.forEach((name, index) => {
      const env = cluster.services[name]?.environment ?? {};
      clusterIds.add(env.CLUSTER_ID);
      expect([name, Number(env.KAFKA_NODE_ID)]).toEqual([name, index + 1]);
      expect(env.KAFKA_CONTROLLER_QUORUM_VOTERS).toBe(voters);
      expect(env.KAFKA_ADVERTISED_LISTENERS).toContain(`INTERNAL://${name}:19092`);
      expect(Number(env.KAFKA_DEFAULT_REPLICATION_FACTOR)).toBe(3);
      expect(Number(env.KAFKA_MIN_INSYNC_REPLICAS)).toBe(2);
      expect(Number(env.KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR)).toBe(3);
      expect(Number(env.KAFKA_TRANSACTION_STATE_LOG_MIN_ISR)).toBe(2);
    });
    expect(clusterIds.size).toBe(1);
  });

  test('runs a MongoDB replica set of three that an init container initiates', () => {
    for (const name of mongoNodes)
      expect(cluster.services[name]?.command).toEqual(['mongod', '--replSet', 'zhas', '--bind_ip_all']);
    const init = cluster.services['mongo-init'];
    const script = init?.command?.join(' ') ?? '';
    for (const name of mongoNodes) expect(script).toContain(`host: '${name}:27017'`);
    expect(Object.keys(init?.depends_on ?? {}).sort()).toEqual(mongoNodes);
  });

  test('leaves the single-node servers out', () => {
    expect(cluster.services.kafka?.profiles).toEqual(['single-node']);
    expect(cluster.services.mongo?.profiles).toEqual(['single-node']);
  });

  test.each(SERVICES)('points $name at the three brokers and the replica set', ({ name }) => {
    const service = cluster.services[name];
    expect(service?.environment?.KAFKA_BROKERS).toBe(kafkaNodes.map((node) => `${node}:19092`).join(','));
    expect(service?.environment?.MONGO_URL).toBe(
      `mongodb://${mongoNodes.map((node) => `${node}:27017`).join(',')}/?replicaSet=zhas`,
    );
    const dependsOn = service?.depends_on as Record<string, { condition: string; required?: boolean }>;
    for (const node of kafkaNodes) expect(dependsOn[node]).toEqual({ condition: 'service_healthy' });
    expect(dependsOn['mongo-init']).toEqual({ condition: 'service_completed_successfully' });
    expect(dependsOn.kafka?.required).toBe(false);
    expect(dependsOn.mongo?.required).toBe(false);
  });

  test('keeps the portal’s sessions in the replica set', () => {
    const portal = cluster.services.portal;
    expect(portal?.environment?.MONGO_URL).toBe(
      `mongodb://${mongoNodes.map((node) => `${node}:27017`).join(',')}/?replicaSet=zhas`,
    );
    const dependsOn = portal?.depends_on as Record<string, { condition: string; required?: boolean }>;
    expect(dependsOn['mongo-init']).toEqual({ condition: 'service_completed_successfully' });
    expect(dependsOn.mongo?.required).toBe(false);
  });
});
