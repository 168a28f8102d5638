import { parseArgs } from 'node:util';
import type { Logger } from '#adapters/telemetry/logger.ts';
import { DeadLetterStore } from '#application/messaging/dead-letter-store.ts';
import { ListDeadLetters } from '#application/messaging/list-dead-letters.use-case.ts';
import { PurgeDeadLetters } from '#application/messaging/purge-dead-letters.use-case.ts';
import { ReplayDeadLetters } from '#application/messaging/replay-dead-letters.use-case.ts';
import { ShowDeadLetter } from '#application/messaging/show-dead-letter.use-case.ts';
import type { Config } from '../config/config.ts';
import { withContainer } from './with-container.ts';

export const deadLettersUsage = `Usage: rookery dlq <command>

  rookery dlq                                  every consumer with its dead-letter count
  rookery dlq list <consumer> [--limit N]      dead letters, oldest first (default 20)
  rookery dlq show <consumer> <event_id>       one dead letter with its message
  rookery dlq replay <consumer> <event_id>     send it back to the consumer as a first attempt
  rookery dlq replay <consumer> --all          the same for every dead letter of the consumer
  rookery dlq purge <consumer> --yes           delete the consumer's dead letters`;

/** Operates dead letters from a shell (a Kubernetes `kubectl exec` or Job). Prints JSON. */
export async function deadLettersCommand(argv: string[], config: Config, logger: Logger): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { limit: { type: 'string', default: '20' }, all: { type: 'boolean' }, yes: { type: 'boolean' } },
  });
  const [action, consumer, eventId] = positionals;
  const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  return withContainer(config, logger, async (container) => {
    if (!action) {
      const store = container.get<DeadLetterStore>(DeadLetterStore);
      print(
        Object.fromEntries(await Promise.all(store.consumers.map(async (c) => [c, await store.count(c)]))),
      );
      return 0;
    }
    if (!consumer || !['list', 'show', 'replay', 'purge'].includes(action)) {
      process.stderr.write(`${deadLettersUsage}\n`);
      return 2;
    }
    if (action === 'list') {
      print(await container.get(ListDeadLetters).execute({ consumer, limit: Number(values.limit) || 20 }));
    } else if (action === 'show' && eventId) {
      print(await container.get(ShowDeadLetter).execute({ consumer, eventId }));
    } else if (action === 'replay' && (eventId || values.all)) {
      print(await container.get(ReplayDeadLetters).execute({ consumer, eventId }));
    } else if (action === 'purge' && values.yes) {
      print(await container.get(PurgeDeadLetters).execute({ consumer }));
    } else {
      process.stderr.write(`${deadLettersUsage}\n`);
      return 2;
    }
    return 0;
  });
}
