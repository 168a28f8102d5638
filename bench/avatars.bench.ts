/**
 * npm run bench:avatars — avatar upload throughput and upload → thumbnails-ready latency for a
 * 2 MP JPEG through the real API and worker, each server in a child process (so the load
 * generator does not share its event loop), with baselines in the same run:
 *   1. an API alone (`startRookery(['api'])`): the same multipart POST to a route that
 *      authenticates, parses and discards it (baseline), then real uploads;
 *   2. API + worker in one process (what `npm start` runs): uploads while thumbnails are made,
 *      and the time from each request's start to its avatar being ready;
 *   3. the three renditions rendered in-process by sharp, no storage, queue or database (baseline).
 *
 * BENCH_MODE=full (default: PostgreSQL, RabbitMQ, an s3rver started here) or embedded (PGlite,
 * embedded bus, local folder). BENCH_SECONDS (default 10) per phase, BENCH_CONCURRENCY
 * (default 4) clients, DATABASE_ADMIN_URL, AMQP_URL.
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { SharpImageProcessor } from '#adapters/images/sharp-image-processor.ts';
import { photoJpeg } from '../test/support/avatars/image-corpus.ts';
import { deleteRabbitNamespace } from '../test/support/rabbitmq-cleanup.ts';
import { startS3Server } from '../test/support/s3-server.ts';
import { comparison, machine, summarise, table, type Summary } from './support/stats.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 4);
const mode = process.env.BENCH_MODE === 'embedded' ? 'embedded' : 'full';
const adminUrl = process.env.DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const amqpUrl = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

if (process.env.BENCH_AVATARS_SERVER === '1') {
  await import('./support/avatar-bench-server.ts');
} else {
  await main();
}

interface Server {
  url: string;
  token: string;
  stop(): Promise<void>;
}

async function startServer(env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url)], {
    env: {
      ...process.env,
      ...env,
      BENCH_AVATARS_SERVER: '1',
      PORT: '0',
      LOG_LEVEL: 'warn',
      // One user uploading back to back: lift the API's rate limits (0 = none).
      API_RATE_LIMITS:
        'api.per_ip=0,api.per_user=0,writes.per_user=0,avatar-uploads.per_ip=0,avatar-uploads.per_user=0',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const [url, token] = await new Promise<string[]>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /BENCH_READY (\S+) (\S+)/.exec(out);
      if (match) resolve([match[1]!, match[2]!]);
    });
    void exited.then(() => reject(new Error(`server exited:\n${out}`)));
  });
  return {
    url: url!,
    token: token!,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Runs `concurrency` clients calling `once` back to back for `seconds`; returns the latencies. */
async function load(once: () => Promise<void>): Promise<{ latencies: number[]; elapsed: number }> {
  const latencies: number[] = [];
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        await once();
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { latencies, elapsed: (performance.now() - started) / 1000 };
}

function post(server: Server, route: string, photo: Buffer): Promise<Response> {
  const form = new FormData();
  form.append('file', new Blob([photo], { type: 'image/jpeg' }), 'photo.jpg');
  return fetch(`${server.url}${route}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.token}` },
    body: form,
  });
}

/** One server's own database, broker namespace and folder (so phases never share a backlog). */
async function startIsolatedServer(roles: string, s3Env: Record<string, string>, admin: pg.Client | null) {
  const namespace = `bench-avatars-${randomUUID().slice(0, 8)}`;
  const database = `rookery_bench_avatars_${process.pid}_${roles.replace(/\W/g, '')}`;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'rookery-bench-avatars-'));
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = `/${database}`;
  if (admin) await admin.query(`create database "${database}"`);
  const server = await startServer({
    BENCH_ROLES: roles,
    DATA_DIR: dataDir,
    MIGRATE_ON_START: 'true',
    ...(admin
      ? { DATABASE_URL: dbUrl.toString(), AMQP_URL: amqpUrl, AMQP_NAMESPACE: namespace, ...s3Env }
      : {}),
  });
  return {
    ...server,
    async stop() {
      await server.stop();
      if (admin) {
        const consumers = ['activity', 'avatar-processing', 'avatar-storage-cleanup', 'feed-cache'];
        const delays = [1_000, 5_000, 30_000, 120_000, 600_000];
        await deleteRabbitNamespace(amqpUrl, namespace, consumers, delays).catch(() => {});
        await admin.query(`drop database if exists "${database}" with (force)`);
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<void> {
  const photo = await photoJpeg(1632, 1224); // 2.0 MP
  const s3 = mode === 'full' ? await startS3Server() : null;
  const admin = mode === 'full' ? new pg.Client({ connectionString: adminUrl }) : null;
  await admin?.connect();
  const rows: Summary[] = [];
  try {
    // Phase 1, an API with no worker: what an upload costs by itself, against the baseline.
    const api = await startIsolatedServer('api', s3?.env('bench-avatars-api') ?? {}, admin);
    try {
      for (let i = 0; i < 5; i++) await (await post(api, '/api/v1/avatars', photo)).arrayBuffer(); // warm-up
      const sink = await load(async () => {
        const response = await post(api, '/bench/multipart-sink', photo);
        if (response.status !== 204) throw new Error(`sink answered ${response.status}`);
      });
      rows.push(summarise('POST multipart to a discarding route (baseline)', sink.latencies, sink.elapsed));
      const uploads = await load(async () => {
        const response = await post(api, '/api/v1/avatars', photo);
        await response.arrayBuffer();
        if (response.status !== 201) throw new Error(`upload answered ${response.status}`);
      });
      rows.push(summarise('POST /api/v1/avatars, no worker running', uploads.latencies, uploads.elapsed));
    } finally {
      await api.stop();
    }

    // Phase 2, api + worker in one process (`npm start`): uploads while thumbnails are made.
    const all = await startIsolatedServer('api,worker', s3?.env('bench-avatars-all') ?? {}, admin);
    try {
      for (let i = 0; i < 5; i++) await (await post(all, '/api/v1/avatars', photo)).arrayBuffer(); // warm-up
      const startedAt = new Map<string, number>();
      const uploads = await load(async () => {
        const sent = Date.now();
        const response = await post(all, '/api/v1/avatars', photo);
        const body = (await response.json()) as { id?: string };
        if (response.status !== 201 || !body.id) throw new Error(`upload answered ${response.status}`);
        startedAt.set(body.id, sent);
      });
      rows.push(
        summarise('POST /api/v1/avatars, worker busy in-process', uploads.latencies, uploads.elapsed),
      );
      rows.push(await readyLatencies(all, startedAt));
    } finally {
      await all.stop();
    }

    const images = new SharpImageProcessor();
    const render = await load(async () => {
      await images.render(photo, { format: 'jpeg' });
      await images.render(photo, { format: 'jpeg', size: { width: 100, height: 100 } });
      await images.render(photo, { format: 'jpeg', size: { width: 300, height: 300 } });
    });
    rows.push(
      summarise('sharp: original + 2 thumbnails in-process (baseline)', render.latencies, render.elapsed),
    );
  } finally {
    await admin?.end();
    await s3?.close();
  }

  const kib = (photo.length / 1024).toFixed(0);
  console.log(
    `\nAvatars, ${mode} mode, ${concurrency} clients, ${seconds} s per phase, ${kib} KiB JPEG 1632×1224`,
  );
  console.log(await machine());
  console.log(`\n${table(rows, 'per s')}\n`);
  console.log(comparison(rows[1]!, rows[0]!));
  console.log(comparison(rows[3]!, rows[4]!));
}

/** Waits until the worker has finished every measured avatar; latency = ready time − request start. */
async function readyLatencies(server: Server, startedAt: Map<string, number>): Promise<Summary> {
  const waitStarted = performance.now();
  let timings: { id: string; status: string; updated_at: string }[] = [];
  while (performance.now() - waitStarted < 180_000) {
    timings = (await (await fetch(`${server.url}/bench/avatar-timings`)).json()) as typeof timings;
    if (timings.filter((t) => startedAt.has(t.id)).every((t) => t.status !== 'processing')) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const measured = timings.filter((t) => startedAt.has(t.id));
  const failed = measured.filter((t) => t.status !== 'ready').length;
  if (measured.length !== startedAt.size || failed > 0)
    throw new Error(`${startedAt.size} accepted, ${measured.length} found, ${failed} not ready`);
  const latencies = measured.map((t) => Date.parse(t.updated_at) - startedAt.get(t.id)!);
  const first = Math.min(...startedAt.values());
  const last = Math.max(...measured.map((t) => Date.parse(t.updated_at)));
  return summarise('upload → thumbnails ready (end to end)', latencies, (last - first) / 1000);
}
