import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { isRankedAfter, mostPopularFirst, popularityScore } from '#domain/feed/popularity.ts';

const HOUR = 3_600_000;
const now = new Date('2026-11-22T09:00:00.000Z');
const ago = (hours: number) => new Date(now.getTime() - hours * HOUR);

describe('popularity score', () => {
  it('has no score without likes', () => {
    expect(popularityScore(0, now, 24)).toBeNull();
    expect(popularityScore(-1, now, 24)).toBeNull();
  });

  it('ranks a post one half-life older level with a new one that has half its likes', () => {
    expect(popularityScore(8, ago(24), 24)).toBeCloseTo(popularityScore(4, now, 24)!, 9);
  });

  it('ranks more likes higher at the same age, and a newer post higher at the same likes', () => {
    expect(popularityScore(3, now, 24)!).toBeGreaterThan(popularityScore(2, now, 24)!);
    expect(popularityScore(2, now, 24)!).toBeGreaterThan(popularityScore(2, ago(1), 24)!);
  });

  it('orders posts as their decayed like counts at any later moment (the now term cancels out)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 1, max: 72 }),
        (likesA, likesB, ageA, ageB, halfLife) => {
          const decayed = (likes: number, age: number) => likes * 2 ** (-age / halfLife);
          const [a, b] = [decayed(likesA, ageA), decayed(likesB, ageB)];
          fc.pre(Math.abs(a - b) / Math.max(a, b) > 1e-9);
          const [sa, sb] = [
            popularityScore(likesA, ago(ageA), halfLife)!,
            popularityScore(likesB, ago(ageB), halfLife)!,
          ];
          expect(sa > sb).toBe(a > b);
        },
      ),
    );
  });

  it('ranks by score, then by post id, and pages after a position', () => {
    const posts = [
      { postId: 'a', authorId: 'x', createdAt: now, score: 2 },
      { postId: 'c', authorId: 'x', createdAt: now, score: 3 },
      { postId: 'b', authorId: 'x', createdAt: now, score: 3 },
    ].sort(mostPopularFirst);
    expect(posts.map((p) => p.postId)).toEqual(['c', 'b', 'a']);
    expect(posts.filter((p) => isRankedAfter(p, { score: 3, id: 'c' })).map((p) => p.postId)).toEqual([
      'b',
      'a',
    ]);
  });
});
