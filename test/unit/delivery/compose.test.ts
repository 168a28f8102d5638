import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';

// docker/compose.yaml checked without an engine: the Compose Specification's JSON schema,
// then the rules the schema cannot express. `docker-compose config` runs in the integration suite.
const root = path.resolve(import.meta.dirname, '../../..');
const composeDir = path.join(root, 'docker');
const compose = parse(readFileSync(path.join(composeDir, 'compose.yaml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
interface Service {
  image?: string;
  profiles?: string[];
  restart?: string;
  command?: string[];
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test?: string[]; disable?: boolean };
  depends_on?: Record<string, { condition: string }>;
  deploy?: { replicas?: number };
  read_only?: boolean;
}
const services = Object.entries(compose.services);
const dependents = (name: string) =>
  services.flatMap(([, s]) => (s.depends_on?.[name] ? [s.depends_on[name].condition] : []));

describe('docker/compose.yaml', () => {
  it('satisfies the Compose Specification schema', () => {
    const { $schema, ...schema } = JSON.parse(
      readFileSync(path.join(root, 'test/fixtures/schemas/compose-spec.schema.json'), 'utf8'),
    ) as { $schema: string };
    // Draft-07 (Ajv's default dialect), named by an https URL Ajv does not know as an alias.
    expect($schema).toBe('https://json-schema.org/draft-07/schema');
    const ajv = new Ajv({ strict: false, allErrors: true });
    const valid = ajv.validate(schema, compose);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('runs the whole stack, with observability and load behind profiles', () => {
    const byProfile = (profile?: string) =>
      services.filter(([, s]) => (profile ? s.profiles?.includes(profile) : !s.profiles)).map(([n]) => n);
    expect(byProfile()).toEqual(
      expect.arrayContaining(['postgres', 'redis', 'rabbitmq', 'minio', 'minio-init', 'mailpit', 'keycloak']),
    );
    expect(byProfile()).toEqual(expect.arrayContaining(['migrate', 'api', 'worker', 'scheduler', 'nginx']));
    expect(byProfile('observability').sort()).toEqual(
      ['alertmanager', 'grafana', 'jaeger', 'otel-collector', 'prometheus'].sort(),
    );
    expect(byProfile('load')).toEqual(['load']);
    expect(compose.services.api!.deploy?.replicas).toBe(2);
  });

  it('health-checks every long-running service; one-shots are awaited to completion instead', () => {
    for (const [name, s] of services) {
      if (s.healthcheck?.disable) {
        expect([name, s.restart]).toEqual([name, 'no']);
        if (name !== 'load')
          expect([name, dependents(name)]).toEqual([
            name,
            expect.arrayContaining(['service_completed_successfully']),
          ]);
      } else {
        expect([name, s.healthcheck?.test?.[0]]).toEqual([name, expect.stringMatching(/^CMD(-SHELL)?$/)]);
      }
    }
  });

  it('orders start-up by health and completion, never by mere start', () => {
    for (const [name, s] of services) {
      for (const [dependency, { condition }] of Object.entries(s.depends_on ?? {})) {
        const target = compose.services[dependency]!;
        const expected = target.healthcheck?.disable ? 'service_completed_successfully' : 'service_healthy';
        expect([name, dependency, condition]).toEqual([name, dependency, expected]);
      }
    }
    for (const role of ['api', 'worker', 'scheduler']) {
      expect(compose.services[role]!.depends_on?.migrate?.condition).toBe('service_completed_successfully');
    }
  });

  it('listens on the host only on loopback, and only for nginx, the UIs and the documented debug port', () => {
    const published = services.flatMap(([name, s]) => (s.ports ?? []).map((p) => [name, p] as const));
    for (const [name, port] of published)
      expect([name, port]).toEqual([name, expect.stringMatching(/^127\.0\.0\.1:/)]);
    expect(published.map(([name]) => name).sort()).toEqual(
      [
        'alertmanager',
        'grafana',
        'jaeger',
        'keycloak',
        'mailpit',
        'minio',
        'nginx',
        'postgres',
        'prometheus',
        'rabbitmq',
      ].sort(),
    );
    for (const role of ['api', 'worker', 'scheduler', 'migrate'])
      expect(compose.services[role]!.ports).toBeUndefined();
  });

  it('keeps data in named volumes and mounts only files that exist', () => {
    for (const [name, s] of services) {
      for (const volume of s.volumes ?? []) {
        const source = volume.split(':')[0]!;
        if (source.startsWith('.')) {
          expect([name, source, existsSync(path.resolve(composeDir, source))]).toEqual([name, source, true]);
        } else {
          expect([name, source, source in compose.volumes]).toEqual([name, source, true]);
        }
      }
    }
  });

  it('runs Rookery read-only, as the image expects', () => {
    for (const role of ['api', 'worker', 'scheduler', 'migrate']) {
      expect(compose.services[role]!.read_only).toBe(true);
      expect(compose.services[role]!.command).toEqual([role]);
    }
  });

  it('lets nginx take 10 MB uploads and upgrade WebSockets', () => {
    const conf = readFileSync(path.join(composeDir, 'nginx/nginx.conf'), 'utf8');
    expect(conf).toMatch(/client_max_body_size 10m;/);
    expect(conf).toMatch(/proxy_set_header Upgrade \$http_upgrade;/);
    expect(conf).toMatch(/proxy_set_header Connection \$connection_upgrade;/);
    expect(conf).toMatch(/server api:3000;/);
  });

  it('documents every variable it reads in docker/.env.example', () => {
    const text = readFileSync(path.join(composeDir, 'compose.yaml'), 'utf8');
    const example = readFileSync(path.join(composeDir, '.env.example'), 'utf8');
    const variables = new Set([...text.matchAll(/\$\{(\w+):-/g)].map((m) => m[1]!));
    expect(variables.size).toBeGreaterThan(10);
    for (const variable of variables)
      expect([variable, example.includes(`# ${variable}=`)]).toEqual([variable, true]);
  });
});
