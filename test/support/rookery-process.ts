import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const projectRoot = path.resolve(import.meta.dirname, '../..');

export interface RookeryProcess {
  url: string;
  child: ChildProcess;
  /** Every JSON log line so far. */
  logs: Record<string, unknown>[];
  output(): string;
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const scripts = (
  JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  }
).scripts;

/**
 * Starts Rookery as operators do (`npm start`, `npm run api`, …) in a child process and
 * waits until it prints where it listens. Runs the npm script's command line the way npm
 * does (`sh -c` with node_modules/.bin first on PATH) but `exec`s it, so that signals
 * reach Rookery itself and the exit code is Rookery's, not npm's.
 */
export async function startRookeryProcess(
  npmScript: string,
  env: Record<string, string>,
  options: { timeoutMs?: number; args?: string[] } = {},
): Promise<RookeryProcess> {
  const script = scripts[npmScript];
  if (!script) throw new Error(`package.json has no "${npmScript}" script`);
  const commandLine = [script, ...(options.args ?? [])].join(' ');
  const child = spawn('sh', ['-c', `exec ${commandLine}`], {
    cwd: projectRoot,
    env: {
      ...process.env,
      PATH: `${path.join(projectRoot, 'node_modules/.bin')}:${process.env.PATH}`,
      NODE_OPTIONS: '',
      PORT: '0',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const logs: Record<string, unknown>[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no start within ${options.timeoutMs ?? 30_000} ms:\n${text}`)),
      options.timeoutMs ?? 30_000,
    );
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.startsWith('{')) continue;
        try {
          const entry = JSON.parse(line) as Record<string, unknown>;
          logs.push(entry);
          if (typeof entry.message === 'string' && entry.message.startsWith('Rookery is running at')) {
            clearTimeout(timer);
            resolve(entry.url as string);
          }
        } catch {
          // not a log line
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before starting:\n${text}`));
    });
  });
  return {
    url,
    child,
    logs,
    output: () => text,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null) return child.exitCode;
      child.kill(signal);
      return exited;
    },
  };
}

export interface CommandResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a one-shot command through `bin/rookery`, as an operator would (`rookery dlq list …`),
 * without blocking this process (which may be hosting the worker the command talks to).
 */
export function runRookeryCommand(
  args: string[],
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<CommandResult> {
  const child = spawn(path.join(projectRoot, 'bin/rookery'), args, {
    cwd: projectRoot,
    env: {
      ...process.env,
      PATH: `${path.join(projectRoot, 'node_modules/.bin')}:${process.env.PATH}`,
      NODE_OPTIONS: '',
      LOG_LEVEL: 'error',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) =>
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    }),
  );
}
