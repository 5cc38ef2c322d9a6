/**
 * Docker is not available on every machine that runs the tests, so docker-compose.yml is checked statically: it
 * parses, names real services with real entry points, and uses the ports the services and `npm start` use.
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
        .union([z.array(z.string()), z.record(z.string(), z.object({ condition: z.string() }))])
        .optional(),
    }),
  ),
  volumes: z.record(z.string(), z.unknown()).optional(),
});

const compose = composeSchema.parse(
  parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }),
);

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

  test('every dependency and mounted file exists', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      const dependencies = Array.isArray(service.depends_on)
        ? service.depends_on
        : Object.keys(service.depends_on ?? {});
      for (const dependency of dependencies)
        expect([name, dependency, dependency in compose.services]).toEqual([name, dependency, true]);
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0] ?? '';
        if (source.startsWith('.')) expect([volume, existsSync(join(root, source))]).toEqual([volume, true]);
        else expect([volume, source in (compose.volumes ?? {})]).toEqual([volume, true]);
      }
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
