import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';

// No Docker engine runs here, so the image is checked statically: what it is built from,
// what it installs, and who it runs as.
const root = path.resolve(import.meta.dirname, '../../..');
const dockerfile = readFileSync(path.join(root, 'docker/Dockerfile'), 'utf8');
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));
const stages = instructions.filter((l) => l.startsWith('FROM '));
const finalStage = instructions.slice(instructions.lastIndexOf(stages.at(-1)!));

describe('docker/Dockerfile', () => {
  it('is multi-stage and built on the official Node 24 image', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage).toMatch(/^FROM node:24[-.\w]* AS \w+$/);
  });

  it('installs production dependencies only, from the lockfile', () => {
    expect(instructions).toEqual(expect.arrayContaining([expect.stringMatching(/RUN npm ci --omit=dev/)]));
    expect(dockerfile).toMatch(/COPY package.json package-lock.json/);
  });

  it('runs as a non-root user in the final stage', () => {
    const user = finalStage.filter((l) => l.startsWith('USER ')).at(-1);
    expect(user).toBeDefined();
    expect(user).not.toMatch(/USER (root|0)\b/);
  });

  it('is one image for every entrypoint, through the rookery CLI', () => {
    expect(finalStage).toContain('ENTRYPOINT ["/app/bin/rookery"]');
    expect(finalStage).toContain('CMD ["all"]');
    expect(finalStage.some((l) => l.startsWith('HEALTHCHECK'))).toBe(true);
  });

  it('copies everything the CLI needs at run time', () => {
    for (const needed of ['bin', 'src', 'package.json']) {
      expect(finalStage.some((l) => new RegExp(`^COPY .*\\b${needed}\\b`).test(l))).toBe(true);
    }
  });
});
