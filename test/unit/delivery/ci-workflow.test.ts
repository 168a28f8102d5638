import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

// The public CI workflow cannot run here; what it names must at least exist.
const root = path.resolve(import.meta.dirname, '../../..');
const workflow = parse(readFileSync(path.join(root, '.github/workflows/ci.yml'), 'utf8')) as {
  jobs: Record<string, { steps: { run?: string; uses?: string }[] }>;
};
const scripts = (
  JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;
const runs = (job: string) => workflow.jobs[job]!.steps.flatMap((s) => (s.run ? [s.run] : [])).join('\n');

describe('.github/workflows/ci.yml', () => {
  it('checks, builds the image and smoke-tests on kind', () => {
    expect(Object.keys(workflow.jobs).sort()).toEqual(['checks', 'image', 'kind']);
  });

  it('runs only npm scripts that exist, and every test suite', () => {
    const used = [...runs('checks').matchAll(/npm run (\S+)/g)].map((m) => m[1]!);
    for (const script of used) expect([script, scripts[script]]).toEqual([script, expect.any(String)]);
    expect(used).toEqual(
      expect.arrayContaining(['lint', 'typecheck', 'coverage:unit', 'test:integration', 'test:e2e']),
    );
  });

  it('builds from docker/Dockerfile and deploys with the repository scripts', () => {
    expect(runs('image')).toContain('docker build -f docker/Dockerfile');
    const kind = runs('kind');
    for (const script of kind.match(/deploy\/k8s\/\S+\.sh/g) ?? [])
      expect(existsSync(path.join(root, script))).toBe(true);
    expect(kind).toContain('sh deploy/k8s/up.sh');
  });

  it('runs the digest CronJob by the name the chart gives it under the release deploy.sh installs', () => {
    const release = /helm upgrade --install (\S+) helm\/rookery/.exec(
      readFileSync(path.join(root, 'deploy/k8s/deploy.sh'), 'utf8'),
    )![1]!;
    // fullname = the release name when it already contains the chart name.
    const fullname = release.includes('rookery') ? release : `${release}-rookery`;
    expect(runs('kind')).toContain(`--from=cronjob/${fullname}-digest`);
  });
});
