import {
  composeDailyDigest,
  dailyDigestRequested,
  DIGEST_LIMITS,
  noActivity,
  noTasks,
  type DigestRecipient,
} from '#domain/digest/daily-digest.ts';
import type { DigestDate } from '#domain/digest/digest-date.ts';
import type { Clock } from '../shared/clock.ts';
import type { EventPublisher } from '../shared/event-publisher.ts';
import type { DigestFacts } from './digest-facts.ts';
import type { DigestLedger } from './digest-ledger.ts';
import type { DigestRuns } from './digest-runs.ts';

/**
 * One batch of a digest run, inside one unit of work: claim the (user, date) records,
 * read the batch's figures, publish one event per newly claimed user and move the run's
 * cursor. Either all of it commits or none, so a crash repeats at most this batch.
 */
export class DigestBatch {
  private readonly facts: DigestFacts;
  private readonly ledger: DigestLedger;
  private readonly runs: DigestRuns;
  private readonly events: EventPublisher;
  private readonly clock: Clock;

  constructor(
    facts: DigestFacts,
    ledger: DigestLedger,
    runs: DigestRuns,
    events: EventPublisher,
    clock: Clock,
  ) {
    this.facts = facts;
    this.ledger = ledger;
    this.runs = runs;
    this.events = events;
    this.clock = clock;
  }

  /** Returns how many digests it requested (users already recorded for the date are skipped). */
  async request(
    date: DigestDate,
    window: { from: Date; to: Date },
    batch: readonly DigestRecipient[],
  ): Promise<number> {
    const claimed = new Set(
      await this.ledger.claim(
        date,
        batch.map((r) => r.userId),
      ),
    );
    const recipients = batch.filter((r) => claimed.has(r.userId));
    const at = this.clock.now();
    if (recipients.length > 0) {
      const ids = recipients.map((r) => r.userId);
      const tasks = await this.facts.tasksOf(ids, DIGEST_LIMITS.undoneTitles);
      const activity = await this.facts.activityOf(ids, window);
      const events = recipients.map((r) =>
        dailyDigestRequested(
          composeDailyDigest(r, date, tasks.get(r.userId) ?? noTasks, activity.get(r.userId) ?? noActivity),
          at,
        ),
      );
      const eventIds = await this.events.publish(events);
      await this.ledger.attachEvents(
        date,
        recipients.map((r, i) => ({ userId: r.userId, eventId: eventIds[i]! })),
      );
    }
    await this.runs.advance(date, batch.at(-1)!.userId, batch.length, recipients.length, at);
    return recipients.length;
  }
}
