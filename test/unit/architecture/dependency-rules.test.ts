import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');
const fixtures = path.join(root, 'test/fixtures/layering');

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

async function depcruise(fixture: string, extra: string[]): Promise<{ exitCode: number; stdout: string }> {
  const args = ['src', '--config', path.join(root, '.dependency-cruiser.cjs'), ...extra];
  const bin = path.join(root, 'node_modules/.bin/depcruise');
  try {
    const { stdout } = await run(bin, args, { cwd: path.join(fixtures, fixture) });
    return { exitCode: 0, stdout };
  } catch (error) {
    const { code, stdout } = error as { code: number; stdout: string };
    return { exitCode: code, stdout };
  }
}

/**
 * Runs the very command `npm run lint` runs, with the project's rules, on a fixture tree:
 * once as lint does (for the exit code), once as JSON (for what it found).
 */
async function cruise(fixture: 'good' | 'bad'): Promise<{ exitCode: number; violations: Violation[] }> {
  const [asLint, asJson] = await Promise.all([
    depcruise(fixture, []),
    depcruise(fixture, ['--output-type', 'json']),
  ]);
  return { exitCode: asLint.exitCode, violations: JSON.parse(asJson.stdout).summary.violations };
}

describe('the layering rules (dependency-cruiser)', () => {
  it('pass a tree that keeps the hexagon', async () => {
    const result = await cruise('good');
    expect(result.violations).toEqual([]);
    expect(result.exitCode).toBe(0);
  });

  describe('reject a tree that breaks it', () => {
    let result: Awaited<ReturnType<typeof cruise>>;
    const found = (rule: string, from: string, to: RegExp) =>
      result.violations.some((v) => v.rule.name === rule && v.from === from && to.test(v.to));

    it('fails the command', async () => {
      result = await cruise('bad');
      expect(result.exitCode).not.toBe(0);
    });

    it('when the domain imports an adapter or a Node built-in', () => {
      expect(found('domain-is-pure', 'src/domain/post.ts', /^src\/adapters\/db\.ts$/)).toBe(true);
      expect(found('domain-is-pure', 'src/domain/post.ts', /crypto/)).toBe(true);
    });

    it('when the application imports a framework', () => {
      expect(found('application-depends-only-inward', 'src/application/create-post.use-case.ts', /koa/)).toBe(
        true,
      );
    });

    it('when an adapter imports bootstrap', () => {
      expect(
        found('adapters-do-not-know-bootstrap', 'src/adapters/db.ts', /^src\/bootstrap\/config\.ts$/),
      ).toBe(true);
    });

    it('when anything outside bootstrap imports the container', () => {
      expect(found('di-only-in-bootstrap', 'src/adapters/db.ts', /inversify/)).toBe(true);
    });

    it('when imports form a cycle', () => {
      expect(result.violations.some((v) => v.rule.name === 'no-circular')).toBe(true);
    });
  });
});
