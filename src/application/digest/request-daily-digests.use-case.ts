import type { DigestDate } from '#domain/digest/digest-date.ts';
import type { Clock } from '../shared/clock.ts';
import type { UnitOfWork } from '../shared/unit-of-work.ts';
import type { DigestBatch } from './digest-batch.ts';
import type { DigestLedger } from './digest-ledger.ts';
import type { DigestRecipients } from './digest-recipients.ts';
import type { DigestRuns, DigestRunStatus } from './digest-runs.ts';

export interface RequestDailyDigestsCommand {
  date: DigestDate;
}

export interface DigestRunSettings {
  timeZone: string;
  batchSize: number;
  /** Per-user records older than this many days are pruned after each run. */
  retentionDays: number;
}

export interface DigestRunReport {
  date: string;
  /** `completed` after this call; `skipped` when an operator skipped the date. */
  status: DigestRunStatus;
  /** Where this call started its walk (null: from the first user; else resumed). */
  resumedAfter: string | null;
  usersProcessed: number;
  digestsRequested: number;
}

export interface RequestDailyDigestsDeps {
  unitOfWork: UnitOfWork;
  recipients: DigestRecipients;
  runs: DigestRuns;
  batch: DigestBatch;
  ledger: DigestLedger;
  clock: Clock;
  settings: DigestRunSettings;
}

/**
 * The daily run: walks digest recipients in keyset batches (memory bounded by the batch
 * size) and requests one digest per user through the outbox; it never sends mail itself.
 * Idempotent per date: a finished date publishes nothing again, and a run that died
 * resumes after its last committed batch.
 */
export class RequestDailyDigests {
  private readonly deps: RequestDailyDigestsDeps;

  constructor(deps: RequestDailyDigestsDeps) {
    this.deps = deps;
  }

  async execute({ date }: RequestDailyDigestsCommand): Promise<DigestRunReport> {
    const run = await this.deps.unitOfWork.transaction(() =>
      this.deps.runs.begin(date, this.deps.clock.now()),
    );
    const report = { date: date.value, resumedAfter: run.cursor, usersProcessed: 0, digestsRequested: 0 };
    if (run.status !== 'running') return { ...report, status: run.status };
    const window = date.window(this.deps.settings.timeZone);
    let cursor = run.cursor;
    for (;;) {
      const batch = await this.deps.recipients.after(cursor, this.deps.settings.batchSize);
      if (batch.length === 0) break;
      report.digestsRequested += await this.deps.unitOfWork.transaction(() =>
        this.deps.batch.request(date, window, batch),
      );
      report.usersProcessed += batch.length;
      cursor = batch.at(-1)!.userId;
    }
    await this.deps.unitOfWork.transaction(() => this.deps.runs.finish(date, this.deps.clock.now()));
    await this.deps.ledger.prune(date.plusDays(-this.deps.settings.retentionDays));
    return { ...report, status: 'completed' };
  }
}
