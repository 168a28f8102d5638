import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import { createTestDatabase, type TestDatabase } from '../../support/postgres.ts';
import { startRookeryProcess, type RookeryProcess } from '../../support/rookery-process.ts';
import { services } from '../../support/services.ts';

interface Answer {
  path: string;
  status: number;
  connection: string | undefined;
  at: number;
}

/** One GET on a kept-alive socket of `agent`; rejects on a reset or refused connection. */
function get(agent: http.Agent, url: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent }, (response) => {
      response.resume();
      response.on('end', () =>
        resolve({
          path: new URL(url).pathname,
          status: response.statusCode ?? 0,
          connection: response.headers.connection,
          at: Date.now(),
        }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
    request.setTimeout(5_000, () => request.destroy(new Error('no answer within 5 s')));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `rookery api` in its own process, under a steady stream of requests on kept-alive
 * connections, stopped with SIGTERM as Kubernetes does. The test plays the load balancer:
 * it polls /ready, and stops sending new requests a reaction time after /ready failed.
 */
describe('an API stopped by SIGTERM under keep-alive load (PostgreSQL, Redis, RabbitMQ)', () => {
  const drainSeconds = 3;
  const balancerReactionMs = 1_000;
  let database: TestDatabase;
  let api: RookeryProcess;

  beforeAll(async () => {
    database = await createTestDatabase();
    api = await startRookeryProcess('api', {
      DATABASE_URL: database.url,
      REDIS_URL: services.redisUrl,
      AMQP_URL: services.amqpUrl,
      DATA_DIR: '/tmp/rookery-e2e-drain',
      SHUTDOWN_DRAIN_SECONDS: String(drainSeconds),
      SHUTDOWN_TIMEOUT_MS: '5000',
    });
  });
  afterAll(async () => {
    await api?.stop('SIGKILL');
    await database?.drop();
  });

  it('fails /ready first, keeps serving with Connection: close through the drain, and resets nothing', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
    const probeAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const answers: Answer[] = [];
    const failures: string[] = [];
    const readyAnswers: { status: number; at: number }[] = [];
    let sending = true;
    let drainSeenAt: number | null = null;

    const load = async () => {
      const paths = ['/health', '/api/docs/openapi.json', '/ready'];
      for (let i = 0; sending; i++) {
        try {
          answers.push(await get(agent, `${api.url}${paths[i % paths.length]}`));
        } catch (error) {
          failures.push((error as Error).message);
          // A process that refuses connections: give up rather than spin (the test has failed).
          if (failures.length >= 20) sending = false;
        }
      }
    };
    const balancer = async () => {
      while (sending) {
        try {
          const answer = await get(probeAgent, `${api.url}/ready`);
          readyAnswers.push(answer);
          if (answer.status === 503 && drainSeenAt === null) {
            drainSeenAt = Date.now();
            setTimeout(() => (sending = false), balancerReactionMs);
          }
        } catch (error) {
          failures.push(`probe: ${(error as Error).message}`);
        }
        await sleep(200);
      }
    };

    const running = [...Array.from({ length: 8 }, load), balancer()];
    await sleep(1_000);
    const before = answers.length;
    const signalledAt = Date.now();
    const exited = api.stop('SIGTERM');
    const hardStop = setTimeout(() => (sending = false), drainSeconds * 1_000 + 5_000);
    await Promise.all(running);
    clearTimeout(hardStop);
    const code = await exited;
    const stoppedAfterMs = Date.now() - signalledAt;
    agent.destroy();
    probeAgent.destroy();

    const afterSignal = answers.filter((a) => a.at >= signalledAt);
    expect(failures).toEqual([]);
    expect(code).toBe(0);
    expect(before).toBeGreaterThan(50);
    expect(afterSignal.length).toBeGreaterThan(50);
    // Answered as before the signal (the rate limit may answer 429); only /ready fails.
    expect(afterSignal.filter((a) => a.path !== '/ready' && a.status >= 500)).toEqual([]);
    // During the drain every response tells the client to leave its kept-alive socket.
    expect(afterSignal.filter((a) => a.at > signalledAt + 100).every((a) => a.connection === 'close')).toBe(
      true,
    );
    expect(drainSeenAt).not.toBeNull();
    expect(drainSeenAt! - signalledAt).toBeLessThan(500);
    const drainingReady = readyAnswers.filter((a) => a.at >= drainSeenAt!);
    expect(drainingReady.every((a) => a.status === 503)).toBe(true);
    // The listener stays open the whole drain, then the process exits promptly.
    expect(stoppedAfterMs).toBeGreaterThanOrEqual(drainSeconds * 1_000);
    expect(stoppedAfterMs).toBeLessThan(drainSeconds * 1_000 + 5_000);
    console.log(
      `drain: ${before} requests before SIGTERM, ${afterSignal.length} after it, ${failures.length} failed; ` +
        `/ready 503 after ${drainSeenAt! - signalledAt} ms; exited ${code} after ${stoppedAfterMs} ms`,
    );
  }, 40_000);
});
