import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { EmbeddedEventBus } from '#adapters/embedded-bus/embedded-event-bus.ts';
import type { JwtAccessTokens } from '#adapters/identity/jwt-access-tokens.ts';
import { encodeEvent } from '#adapters/messaging/event-codec.ts';
import { RabbitMqTopology } from '#adapters/rabbitmq/rabbitmq-topology.ts';
import { DeadLetterStore } from '#application/messaging/dead-letter-store.ts';
import { UnitOfWork } from '#application/shared/unit-of-work.ts';
import { UserRepository } from '#application/users/user.repository.ts';
import { Tokens } from '#bootstrap/container/tokens.ts';
import { startRookery, type RunningRookery } from '#bootstrap/runtime.ts';
import { domainEvent, envelope } from '#domain/shared/domain-event.ts';
import { bootModes } from '../../support/booted-modes.ts';
import { aUser } from '../../support/builders/user.builder.ts';
import { until } from '../../support/event-backbone.ts';
import { runRookeryCommand } from '../../support/rookery-process.ts';
import { deleteRabbitNamespace } from '../../support/rabbitmq-cleanup.ts';
import { testConfig } from '../../support/test-config.ts';

interface Booted {
  rookery: RunningRookery;
  env: Record<string, string>;
  close(): Promise<void>;
}

/** An api + worker in one of the two modes, with its own data folder (and database, broker names). */
async function boot(prepare: (typeof bootModes)[number][1]): Promise<Booted> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'rookery-dlq-'));
  const prepared = await prepare();
  const env = { DATA_DIR: dataDir, ...prepared.env };
  const rookery = await startRookery(['api', 'worker'], { config: testConfig(env) });
  return {
    rookery,
    env,
    async close() {
      const consumers = rookery.container.get<DeadLetterStore>(DeadLetterStore).consumers;
      await rookery.stop();
      const amqp = rookery.config.amqp;
      if (amqp)
        await deleteRabbitNamespace(amqp.url, amqp.namespace, consumers, rookery.config.events.retryDelaysMs);
      await prepared.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function topologyOf(rookery: RunningRookery): RabbitMqTopology {
  return new RabbitMqTopology({
    namespace: rookery.config.amqp!.namespace,
    retryDelaysMs: rookery.config.events.retryDelaysMs,
    deliveryLimit: rookery.config.events.deliveryLimit,
  });
}

/** Raw bytes on a consumer's queue, bypassing the outbox (a message no producer of ours would write). */
async function enqueueRaw(rookery: RunningRookery, consumer: string, eventId: string, body: string) {
  const amqp = rookery.infra.amqp;
  if (!amqp) {
    await rookery.container.get<EmbeddedEventBus>(Tokens.EventTransport).enqueueRaw(consumer, eventId, body);
    return;
  }
  const channel = await amqp.createConfirmChannel();
  channel.sendToQueue(topologyOf(rookery).queue(consumer), Buffer.from(body), {
    persistent: true,
    messageId: eventId,
  });
  await channel.waitForConfirms();
  await channel.close();
}

for (const [mode, prepare] of bootModes) {
  describe(`dead letters over HTTP (admin only), ${mode}`, () => {
    let booted: Booted;
    let admin: string;
    let someone: string;
    const poison = randomUUID();

    beforeAll(async () => {
      booted = await boot(prepare);
      const { container } = booted.rookery;
      const uow = container.get<UnitOfWork>(UnitOfWork);
      const users = container.get<UserRepository>(UserRepository);
      const tokens = container.get<JwtAccessTokens>(Tokens.AccessTokens);
      const [boss, other] = [aUser(), aUser()];
      boss.promoteToAdmin(new Date());
      await uow.transaction(async () => {
        await users.add(boss);
        await users.add(other);
      });
      admin = (await tokens.issue(boss.id)).token;
      someone = (await tokens.issue(other.id)).token;
      await enqueueRaw(booted.rookery, 'activity', poison, '{"this is": not an event');
    }, 60_000);
    afterAll(() => booted?.close());

    const call = (token: string | null, method: string, suffix = '', body?: unknown) =>
      fetch(`${booted.rookery.url}/api/v1/admin/dead-letters/activity${suffix}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
    type Listed = { total: number; items: { event_id: string; error: string; dead_lettered_at: string }[] };
    const list = async () => (await (await call(admin, 'GET')).json()) as Listed;

    it("lists a consumer's dead letters with their error", async () => {
      const listed = await until(list, (b) => b.total >= 1, 20_000);
      expect(listed.total).toBe(1);
      expect(listed.items[0]).toMatchObject({ event_id: poison, attempts: 1 });
      expect(listed.items[0]!.error).toContain('event.malformed');
    });

    it('shows one, and answers 404 problem+json for an unknown one or an unknown consumer', async () => {
      expect(await (await call(admin, 'GET', `/${poison}`)).json()).toMatchObject({ event_id: poison });
      const missing = await call(admin, 'GET', `/${randomUUID()}`);
      expect(missing.status).toBe(404);
      expect(((await missing.json()) as { code: string }).code).toBe('dead_letters.not_found');
      const nobody = await fetch(`${booted.rookery.url}/api/v1/admin/dead-letters/nobody`, {
        headers: { authorization: `Bearer ${admin}` },
      });
      expect(((await nobody.json()) as { code: string }).code).toBe('dead_letters.unknown_consumer');
    });

    it('refuses anyone who is not an administrator', async () => {
      expect((await call(null, 'GET')).status).toBe(401);
      const forbidden = await call(someone, 'GET');
      expect(forbidden.status).toBe(403);
      expect(forbidden.headers.get('content-type')).toContain('application/problem+json');
      expect((await call(someone, 'DELETE')).status).toBe(403);
      expect((await call(someone, 'POST', '/replay', { event_id: poison })).status).toBe(403);
    });

    it('replays (a still-malformed message is handled again and comes straight back) and purges', async () => {
      const before = (await list()).items[0]!.dead_lettered_at;
      expect(await (await call(admin, 'POST', '/replay', { event_id: poison })).json()).toEqual({
        replayed: 1,
      });
      const again = await until(list, (b) => b.total === 1 && b.items[0]!.dead_lettered_at > before, 20_000);
      expect(again.items[0]).toMatchObject({ event_id: poison, attempts: 1 });
      expect(await (await call(admin, 'DELETE')).json()).toEqual({ purged: 1 });
      expect((await list()).total).toBe(0);
    });
  });
}

describe('rookery dlq, the operator CLI, against a running worker (PostgreSQL, RabbitMQ)', () => {
  let booted: Booted;
  const poison = randomUUID();
  const exhausted = envelope(
    randomUUID(),
    domainEvent('user.registered', { user_id: randomUUID(), handle: 'replayed' }, new Date()),
  );
  const dlq = (...args: string[]) => runRookeryCommand(['dlq', ...args], booted.env);
  const json = async (run: Promise<{ status: number | null; stdout: string; stderr: string }>) => {
    const result = await run;
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    return JSON.parse(result.stdout) as unknown;
  };
  const sql = async <T>(query: string, params: unknown[] = []) =>
    booted.rookery.infra.orm.em.fork().execute<T[]>(query, params);

  beforeAll(async () => {
    booted = await boot(bootModes[1][1]);
    const { rookery } = booted;
    // One that the consumer really dead-lettered, one that ran out of attempts (say, while the
    // database was down) and is fine now.
    await enqueueRaw(rookery, 'activity', poison, 'not json at all');
    const channel = await rookery.infra.amqp!.createConfirmChannel();
    channel.sendToQueue(topologyOf(rookery).deadLetterQueue('activity'), encodeEvent(exhausted), {
      persistent: true,
      messageId: exhausted.eventId,
      type: exhausted.type,
      headers: {
        'x-rookery-attempt': 6,
        'x-rookery-error': 'transient: connection refused',
        'x-rookery-dead-lettered-at': new Date().toISOString(),
      },
    });
    await channel.waitForConfirms();
    await channel.close();
    const store = rookery.container.get<DeadLetterStore>(DeadLetterStore);
    await until(
      () => store.count('activity'),
      (n) => n >= 2,
      20_000,
    );
  }, 60_000);
  afterAll(() => booted?.close());

  it('counts, lists and shows dead letters as JSON', async () => {
    const counts = (await json(dlq())) as Record<string, number>;
    expect(counts).toMatchObject({ activity: 2, 'feed-fanout': 0 });

    const listed = (await json(dlq('list', 'activity'))) as { total: number; items: object[] };
    expect(listed.total).toBe(2);
    expect(listed.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          eventId: poison,
          attempts: 1,
          error: expect.stringContaining('event.malformed'),
        }),
        expect.objectContaining({
          eventId: exhausted.eventId,
          type: 'user.registered',
          attempts: 6,
          error: 'transient: connection refused',
        }),
      ]),
    );

    const shown = (await json(dlq('show', 'activity', exhausted.eventId))) as { body: string };
    expect(JSON.parse(shown.body)).toMatchObject({ event_id: exhausted.eventId, type: 'user.registered' });
    const missing = await dlq('show', 'activity', randomUUID());
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('dead_letters.not_found');
  });

  it('replays one under its original event id: the worker applies it once', async () => {
    expect(await json(dlq('replay', 'activity', exhausted.eventId))).toEqual({ replayed: 1 });
    const processed = await until(
      () =>
        sql<{ event_id: string }>(
          'select event_id from processed_events where consumer = ? and event_id = ?',
          ['activity', exhausted.eventId],
        ),
      (rows) => rows.length > 0,
      20_000,
    );
    expect(processed).toHaveLength(1);
    const [counted] = await sql<{ n: string }>(
      "select coalesce(sum(count), 0) as n from activity_hourly where event_type = 'user.registered'",
    );
    expect(Number(counted!.n)).toBe(1);
    expect(((await json(dlq('list', 'activity'))) as { total: number }).total).toBe(1);
  });

  it('purges only when told --yes', async () => {
    const unconfirmed = await dlq('purge', 'activity');
    expect(unconfirmed.status).toBe(2);
    expect(unconfirmed.stderr).toContain('Usage: rookery dlq');
    expect(await json(dlq('purge', 'activity', '--yes'))).toEqual({ purged: 1 });
    expect(await json(dlq('list', 'activity'))).toEqual({ total: 0, items: [] });
  });
});
