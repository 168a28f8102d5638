import type { DigestDate } from '#domain/digest/digest-date.ts';
import type { UnitOfWork } from '../shared/unit-of-work.ts';
import type { DigestLedger } from './digest-ledger.ts';
import type { DigestRuns } from './digest-runs.ts';

export interface ForgetDigestDateCommand {
  date: DigestDate;
}

/**
 * Deliberately undoes a date's idempotency (the run and its per-user records), so that
 * the next run for it requests every digest again under new event ids: how an operator
 * resends a day whose mails were lost downstream. Returns how many records it dropped.
 */
export class ForgetDigestDate {
  private readonly unitOfWork: UnitOfWork;
  private readonly ledger: DigestLedger;
  private readonly runs: DigestRuns;

  constructor(unitOfWork: UnitOfWork, ledger: DigestLedger, runs: DigestRuns) {
    this.unitOfWork = unitOfWork;
    this.ledger = ledger;
    this.runs = runs;
  }

  execute({ date }: ForgetDigestDateCommand): Promise<number> {
    return this.unitOfWork.transaction(async () => {
      await this.runs.forget(date);
      return this.ledger.forget(date);
    });
  }
}
