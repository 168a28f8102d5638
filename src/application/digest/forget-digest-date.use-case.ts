import type { DigestDate } from '#domain/digest/digest-date.ts';
import type { UnitOfWork } from '../shared/unit-of-work.ts';
import type { DigestLedger } from './digest-ledger.ts';
import type { DigestRuns } from './digest-runs.ts';

export interface ForgetDigestDateCommand {
  date: DigestDate;
}

export interface ForgetDigestDateDeps {
  unitOfWork: UnitOfWork;
  ledger: DigestLedger;
  runs: DigestRuns;
}

/**
 * Deliberately undoes a date's idempotency (the run and its per-user records), so that
 * the next run for it requests every digest again under new event ids: how an operator
 * resends a day whose mails were lost downstream. Returns how many records it dropped.
 */
export class ForgetDigestDate {
  private readonly deps: ForgetDigestDateDeps;

  constructor(deps: ForgetDigestDateDeps) {
    this.deps = deps;
  }

  execute({ date }: ForgetDigestDateCommand): Promise<number> {
    return this.deps.unitOfWork.transaction(async () => {
      await this.deps.runs.forget(date);
      return this.deps.ledger.forget(date);
    });
  }
}
