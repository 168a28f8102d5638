/**
 * A Rookery worker process for the digest mailer's crash test: the real container and
 * worker role, configured by environment variables. With KILL_AFTER_SEND=1 the process
 * SIGKILLs itself as soon as the digest handler returns — the mail accepted by the SMTP
 * server and its "sent" record committed, but the handler's transaction (processed_events)
 * not committed and the message not acknowledged.
 */
import 'reflect-metadata';
import { ContainerModule } from 'inversify';
import { SendDailyDigest } from '#application/digest/send-daily-digest.consumer.ts';
import { EventHandlers, type EventHandler } from '#application/messaging/event-handler.ts';
import type { EventEnvelope } from '#domain/shared/domain-event.ts';
import { loadConfig } from '#bootstrap/config/config.ts';
import { startRookery } from '#bootstrap/runtime.ts';

const killAfterSend = process.env.KILL_AFTER_SEND === '1';
const crashing = new ContainerModule(({ onActivation }) => {
  onActivation(SendDailyDigest, (_context, handler) => {
    if (!killAfterSend) return handler;
    const handle = handler.handle.bind(handler);
    Object.defineProperty(handler, 'handle', {
      value: async (event: EventEnvelope) => {
        await handle(event);
        process.stdout.write(`${JSON.stringify({ killed_after: event.eventId })}\n`);
        process.kill(process.pid, 'SIGKILL');
        await new Promise(() => {});
      },
    });
    return handler;
  });
});

const rookery = await startRookery(['worker'], {
  config: loadConfig({ ...process.env }),
  modules: [crashing],
});
const consumers = rookery.container.getAll<EventHandler>(EventHandlers).map((h) => h.consumer);
process.stdout.write(`${JSON.stringify({ ready: true, consumers })}\n`);
process.on('SIGTERM', () => void rookery.stop().then(() => process.exit(0)));
