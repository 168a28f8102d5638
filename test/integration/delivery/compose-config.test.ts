import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { parse } from 'yaml';
import { repoRoot, run } from '#test/support/delivery/kubernetes-tools.ts';

// Debian's docker-compose (v1.29) resolves and checks a Compose file without an engine.
// .ci/run installs it; a machine without it fails here rather than skipping.
const compose = path.join(repoRoot, 'docker/compose.yaml');
const config = (args: string[]) =>
  run('docker-compose', ['-f', compose, '--profile', 'observability', '--profile', 'load', ...args]);

describe('docker compose config', () => {
  it('accepts docker/compose.yaml with every profile', () => {
    const result = config(['config', '--quiet']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('resolves every service with its defaults, the Rookery roles on the built image', () => {
    const resolved = parse(config(['config']).stdout) as {
      services: Record<string, { image: string; environment?: Record<string, string> }>;
    };
    expect(Object.keys(resolved.services)).toHaveLength(19);
    for (const role of ['api', 'worker', 'scheduler', 'migrate', 'keys']) {
      expect(resolved.services[role]!.image).toBe('rookery:dev');
      expect(resolved.services[role]!.environment!.DATABASE_URL).toBe(
        'postgresql://rookery:rookery@postgres:5432/rookery',
      );
    }
    expect(JSON.parse(resolved.services.api!.environment!.OIDC_PROVIDERS!)).toEqual([
      expect.objectContaining({ name: 'keycloak', issuer: 'http://keycloak:8081/realms/rookery' }),
    ]);
  });
});
