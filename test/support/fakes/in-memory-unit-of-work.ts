import type { UnitOfWork } from '#application/shared/unit-of-work.ts';

/**
 * Mirrors the real unit of work closely enough for use-case tests: writes must happen
 * inside `transaction`, and a failed transaction undoes what the fakes staged.
 */
export class InMemoryUnitOfWork implements UnitOfWork {
  private undo: (() => void)[] | null = null;
  committed = 0;

  async transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.undo) return work(); // nested: part of the outer transaction
    this.undo = [];
    try {
      const result = await work();
      this.committed++;
      return result;
    } catch (error) {
      for (const step of this.undo.reverse()) step();
      throw error;
    } finally {
      this.undo = null;
    }
  }

  /** Called by fakes for each staged write. */
  staged(undo: () => void): void {
    if (!this.undo)
      throw new Error('A write was staged outside UnitOfWork.transaction(); wrap the use case in one.');
    this.undo.push(undo);
  }
}
