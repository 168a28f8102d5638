import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';

// No Docker engine runs here, so the image is checked statically: the Dockerfile parsed into
// its instructions (continuations joined, comments dropped, global ARG defaults substituted
// into FROM), then what it is built from, what it installs, who it runs as and how it starts.
const root = path.resolve(import.meta.dirname, '../../..');
const dockerfile = readFileSync(path.join(root, 'docker/Dockerfile'), 'utf8');

interface Instruction {
  keyword: string;
  args: string;
}
const instructions: Instruction[] = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'))
  .map((l) => {
    const [keyword = '', ...rest] = l.split(/\s+/);
    return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
  });
const firstFrom = instructions.findIndex((i) => i.keyword === 'FROM');
const globalArgs = Object.fromEntries(
  instructions.slice(0, firstFrom).flatMap((i) => {
    const match = /^(\w+)=(\S+)$/.exec(i.args);
    return i.keyword === 'ARG' && match ? [[match[1], match[2]]] : [];
  }),
);
const stages = instructions
  .map((instruction, index) => ({ instruction, index }))
  .filter(({ instruction }) => instruction.keyword === 'FROM')
  .map(({ instruction, index }, n, all) => ({
    from: instruction.args.replace(/\$\{(\w+)\}/g, (_, name: string) => globalArgs[name] ?? ''),
    body: instructions.slice(index + 1, all[n + 1]?.index ?? instructions.length),
  }));
const finalStage = stages.at(-1)!.body;
const last = (keyword: string) => finalStage.filter((i) => i.keyword === keyword).at(-1)?.args;
const execForm = (args: string | undefined) => JSON.parse(args ?? 'null') as string[];

describe('docker/Dockerfile', () => {
  it('is multi-stage and built on the official Node 24 image', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.from).toMatch(/^node:24[-.\w]* AS \w+$/);
  });

  it('installs production dependencies only, from the lockfile, outside the final stage', () => {
    const build = stages.slice(0, -1).flatMap((s) => s.body);
    expect(build).toContainEqual({ keyword: 'COPY', args: 'package.json package-lock.json ./' });
    expect(build.some((i) => i.keyword === 'RUN' && /^npm ci --omit=dev\b/.test(i.args))).toBe(true);
    expect(finalStage.some((i) => i.keyword === 'RUN' && /\bnpm (ci|install)\b/.test(i.args))).toBe(false);
  });

  it('runs as the numeric non-root user 10001:10001, so runAsNonRoot can verify it', () => {
    expect(last('USER')).toBe('10001:10001');
  });

  it('starts through tini in exec form, one image for every entrypoint', () => {
    const entrypoint = execForm(last('ENTRYPOINT'));
    expect(entrypoint).toEqual(['/usr/bin/tini', '--', '/app/bin/rookery']);
    expect(finalStage.some((i) => i.keyword === 'RUN' && /apt-get install .*\btini\b/.test(i.args))).toBe(
      true,
    );
    expect(execForm(last('CMD'))).toEqual(['all']);
  });

  it('checks its own health over HTTP, in exec form', () => {
    const healthcheck = last('HEALTHCHECK')!;
    expect(healthcheck).toMatch(/--interval=\d+s .*--timeout=\d+s/);
    const command = execForm(healthcheck.slice(healthcheck.indexOf('CMD ') + 4));
    expect(command[0]).toBe('node');
    expect(command.join(' ')).toContain('/health');
  });

  it('keeps the code root-owned and makes only DATA_DIR writable, for a read-only root filesystem', () => {
    for (const copy of finalStage.filter((i) => i.keyword === 'COPY'))
      expect(copy.args).toMatch(/--chown=root:root/);
    expect(last('ENV')).toMatch(/DATA_DIR=\/app\/data/);
    expect(finalStage).toContainEqual({
      keyword: 'RUN',
      args: expect.stringContaining('chown 10001:10001 /app/data'),
    });
    expect(last('VOLUME')).toBe('["/app/data"]');
  });

  it('carries the OCI image labels', () => {
    const labels = finalStage
      .filter((i) => i.keyword === 'LABEL')
      .flatMap((i) => [...i.args.matchAll(/(org\.opencontainers\.image\.\w+)=/g)].map((m) => m[1]));
    expect(labels).toEqual(
      expect.arrayContaining(
        ['title', 'description', 'source', 'licenses', 'version', 'revision', 'created'].map(
          (l) => `org.opencontainers.image.${l}`,
        ),
      ),
    );
  });

  it('copies everything the CLI needs at run time', () => {
    for (const needed of ['bin', 'src', 'package.json']) {
      expect(
        finalStage.some((i) => i.keyword === 'COPY' && new RegExp(`(^|\\s)${needed}\\b`).test(i.args)),
      ).toBe(true);
    }
  });
});

describe('.dockerignore', () => {
  const ignored = readFileSync(path.join(root, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

  it('keeps local installs, secrets and history out of the build context', () => {
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', '.env', '.git', 'data', 'test']));
  });

  it('never ignores what the image copies', () => {
    const copied = finalStage
      .filter((i) => i.keyword === 'COPY' && !i.args.includes('--from='))
      .flatMap((i) =>
        i.args
          .split(/\s+/)
          .filter((a) => !a.startsWith('--'))
          .slice(0, -1),
      );
    const build = stages[0]!.body
      .filter((i) => i.keyword === 'COPY')
      .flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    for (const source of [...copied, ...build]) expect(ignored).not.toContain(source);
  });
});
