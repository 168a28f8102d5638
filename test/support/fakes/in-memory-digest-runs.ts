import type { DigestRun, DigestRuns } from '#application/digest/digest-runs.ts';
import type { DigestDate } from '#domain/digest/digest-date.ts';
import type { InMemoryUnitOfWork } from './in-memory-unit-of-work.ts';

export class InMemoryDigestRuns implements DigestRuns {
  readonly runs = new Map<string, DigestRun>();
  private readonly uow: InMemoryUnitOfWork;

  constructor(uow: InMemoryUnitOfWork) {
    this.uow = uow;
  }

  async begin(date: DigestDate, at: Date): Promise<DigestRun> {
    if (!this.runs.has(date.value)) {
      this.put(date.value, {
        date: date.value,
        status: 'running',
        cursor: null,
        usersProcessed: 0,
        digestsRequested: 0,
        startedAt: at,
        finishedAt: null,
      });
    }
    return { ...this.runs.get(date.value)! };
  }

  async byDate(date: DigestDate): Promise<DigestRun | null> {
    const run = this.runs.get(date.value);
    return run ? { ...run } : null;
  }

  async advance(date: DigestDate, cursor: string, processed: number, requested: number) {
    const run = this.runs.get(date.value);
    if (!run) return;
    this.put(date.value, {
      ...run,
      cursor,
      usersProcessed: run.usersProcessed + processed,
      digestsRequested: run.digestsRequested + requested,
    });
  }

  async finish(date: DigestDate, at: Date): Promise<void> {
    const run = this.runs.get(date.value);
    if (run?.status === 'running') this.put(date.value, { ...run, status: 'completed', finishedAt: at });
  }

  async skip(date: DigestDate, at: Date): Promise<void> {
    const run = this.runs.get(date.value);
    this.put(date.value, {
      ...(run ?? { date: date.value, cursor: null, usersProcessed: 0, digestsRequested: 0, startedAt: at }),
      status: 'skipped',
      finishedAt: at,
    });
  }

  async forget(date: DigestDate): Promise<void> {
    const run = this.runs.get(date.value);
    if (!run) return;
    this.uow.staged(() => this.runs.set(date.value, run));
    this.runs.delete(date.value);
  }

  private put(key: string, run: DigestRun): void {
    const before = this.runs.get(key);
    this.uow.staged(() => (before ? this.runs.set(key, before) : this.runs.delete(key)));
    this.runs.set(key, run);
  }
}
