import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../support/rookery-process.ts';

// No Docker engine here, so the image's final stage is replayed natively: a scratch /app
// holding only what the Dockerfile copies (its COPY sources, and the packages `npm ci
// --omit=dev` installs), started as the image starts it, in production mode, with its data
// and keys outside /app. A file missing from the image, or a dev dependency needed at run
// time, fails here; so does any write to /app, which is read-only in the image.
const dockerfile = readFileSync(path.join(projectRoot, 'docker/Dockerfile'), 'utf8').replace(/\\\n/g, ' ');
const finalStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
const copied = [...finalStage.matchAll(/^COPY (?!.*--from=)(?:--\S+ )*(.+) \S+$/gm)].flatMap((m) =>
  m[1]!.split(' '),
);
const entrypoint = JSON.parse(/^ENTRYPOINT (.+)$/m.exec(finalStage)![1]!) as string[];

function listFiles(dir: string): Map<string, number> {
  const files = new Map<string, number>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    if (!full.includes(`${path.sep}node_modules${path.sep}`)) files.set(full, statSync(full).mtimeMs);
  }
  return files;
}

describe('the image, replayed natively', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'rookery-image-'));
  const app = path.join(scratch, 'app');
  let before: Map<string, number>;
  let child: ChildProcess | undefined;

  beforeAll(() => {
    mkdirSync(app);
    for (const source of copied)
      cpSync(path.join(projectRoot, source), path.join(app, source), { recursive: true });
    // The packages of `npm ci --omit=dev`, copied (a symlink would let Node resolve dev
    // dependencies through the real path).
    const production = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], {
      cwd: projectRoot,
      encoding: 'utf8',
    })
      .stdout.split('\n')
      .filter((p) => p.startsWith(path.join(projectRoot, 'node_modules') + path.sep))
      .sort();
    let last = '';
    for (const dir of production) {
      if (last && dir.startsWith(last + path.sep)) continue; // inside a package already copied
      cpSync(dir, path.join(app, path.relative(projectRoot, dir)), { recursive: true });
      last = dir;
    }
    const keys = path.join(scratch, 'keys');
    mkdirSync(keys);
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    writeFileSync(path.join(keys, 'replay.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    before = listFiles(app);
  }, 60_000);

  afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(scratch, { recursive: true, force: true });
  });

  it('starts the api in production mode from /app alone, answers /ready, stops cleanly, and writes nothing in /app', async () => {
    expect(copied.sort()).toEqual(['bin', 'package.json', 'src']);
    expect(entrypoint.slice(-1)).toEqual(['/app/bin/rookery']);
    child = spawn(path.join(app, 'bin/rookery'), ['api'], {
      cwd: app,
      env: {
        // Only Node 24 from the host (the image's base provides it), nothing else of the repository.
        PATH: `${path.join(projectRoot, 'node_modules/.bin')}:/usr/bin:/bin`,
        HOME: scratch,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: '0',
        DATA_DIR: path.join(scratch, 'data'),
        JWT_KEYS_DIR: path.join(scratch, 'keys'),
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const exited = new Promise<number | null>((resolve) => child!.once('exit', resolve));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start within 40 s:\n${output}`)), 40_000);
      child!.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child!.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /"url":"(http:[^"]+)"/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`exited with ${code} before starting:\n${output}`));
      });
    });
    const ready = await fetch(`${url}/ready`);
    expect([ready.status, output]).toEqual([200, output]);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect([...listFiles(app)]).toEqual([...before]);
  }, 60_000);
});
