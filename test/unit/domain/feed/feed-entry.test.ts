import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  isAfter,
  mergeNewestFirst,
  newestFirst,
  positionOf,
  type FeedEntry,
} from '#domain/feed/feed-entry.ts';

const entry = (ms: number, postId: string, authorId = 'a'): FeedEntry => ({
  postId,
  authorId,
  createdAt: new Date(ms),
});
const arbitraryEntry = fc
  .record({ ms: fc.integer({ min: 0, max: 20 }), id: fc.uuid() })
  .map(({ ms, id }) => entry(ms, id));

describe('feed order', () => {
  it('puts newer entries first and, within one millisecond, the greater post id first', () => {
    const sorted = [entry(1, 'b'), entry(2, 'a'), entry(1, 'c')].sort(newestFirst);
    expect(sorted.map((e) => e.postId)).toEqual(['a', 'c', 'b']);
  });

  it('places an entry after a position when it is older, or as old with a smaller id', () => {
    const at = positionOf(entry(5, 'm'));
    expect(isAfter(entry(4, 'z'), at)).toBe(true);
    expect(isAfter(entry(5, 'a'), at)).toBe(true);
    expect(isAfter(entry(5, 'm'), at)).toBe(false);
    expect(isAfter(entry(5, 'z'), at)).toBe(false);
    expect(isAfter(entry(6, 'a'), at)).toBe(false);
    expect(isAfter(entry(0, 'a'), null)).toBe(true);
  });

  it('pages through any set of entries with no duplicates and no gaps', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(arbitraryEntry, { selector: (e) => e.postId, maxLength: 40 }),
        fc.integer({ min: 1, max: 7 }),
        (entries, limit) => {
          const sorted = [...entries].sort(newestFirst);
          const seen: FeedEntry[] = [];
          for (;;) {
            const last = seen.at(-1);
            const page = sorted.filter((e) => isAfter(e, last ? positionOf(last) : null)).slice(0, limit);
            seen.push(...page);
            if (page.length < limit) break;
          }
          expect(seen).toEqual(sorted);
        },
      ),
    );
  });
});

describe('merging feeds', () => {
  it('equals the top of the union when each list holds its own top, each post once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uniqueArray(arbitraryEntry, { selector: (e) => e.postId, maxLength: 15 }), {
          maxLength: 4,
        }),
        fc.integer({ min: 1, max: 10 }),
        (lists, limit) => {
          // A post may sit in two lists (a celebrity's post fanned out before promotion).
          const shared = lists[0]?.[0];
          const withShared = shared ? lists.map((l, i) => (i === 1 ? [...l, shared] : l)) : lists;
          const union = new Map(withShared.flat().map((e) => [e.postId, e]));
          const expected = [...union.values()].sort(newestFirst).slice(0, limit);
          const tops = withShared.map((l) => [...l].sort(newestFirst).slice(0, limit));
          expect(mergeNewestFirst(tops, limit)).toEqual(expected);
        },
      ),
    );
  });
});
