import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DomainError } from '#domain/shared/domain-error.ts';
import { POST_TEXT_MAX_LENGTH, PostText, visibleLength } from '#domain/social/post-text.ts';

const CODES = [
  'post.text_empty',
  'post.text_too_long',
  'post.text_invalid_characters',
  'post.text_too_many_marks',
];
const parse = (raw: string): PostText | DomainError => {
  try {
    return PostText.parse(raw);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error; // anything else is a bug the property reports
  }
};

// Any UTF-16 code unit, lone surrogates included, and any code point.
const anyUnits = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  maxLength: 700,
});
const anyCodePoints = fc.string({ unit: 'binary', maxLength: 700 });
// Visible clusters: letters, CJK, emoji with modifiers and joiners, combining accents.
const visibleGrapheme = fc.oneof(
  fc.constantFrom('a', 'Z', '7', 'é', 'e\u0301', 'ß', '世', '界', 'ا', 'ל', '👍🏽', '👨‍👩‍👧‍👦', '🇯🇵', 'ﷺ', '!', '…'),
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 1 })
    .filter((g) => /[\p{L}\p{N}\p{S}\p{P}]/u.test(g)),
);
const paddedWhitespace = fc.string({
  unit: fc.constantFrom(' ', '\n', '\t', '\u00a0', '\u3000', '\r\n'),
  maxLength: 5,
});
const controls = fc
  .integer({ min: 0, max: 0x9f })
  .filter((c) => (c < 0x20 || c >= 0x7f) && c !== 0x0a && c !== 0x0d);

describe('PostText properties (arbitrary Unicode)', () => {
  it('either accepts a text that satisfies every rule, or rejects it with one of its own codes', () => {
    fc.assert(
      fc.property(fc.oneof(anyUnits, anyCodePoints), (raw) => {
        const result = parse(raw);
        if (result instanceof DomainError) {
          expect(CODES).toContain(result.code);
          return;
        }
        const text = result.value;
        expect(text).toBe(text.trim());
        expect(text.isWellFormed()).toBe(true);
        expect(text).toBe(text.normalize('NFC'));
        expect(/[^\P{Cc}\n]/u.test(text)).toBe(false);
        expect(visibleLength(text)).toBeGreaterThanOrEqual(1);
        expect(visibleLength(text)).toBeLessThanOrEqual(POST_TEXT_MAX_LENGTH);
      }),
      { numRuns: 2_000 },
    );
  });

  it('is idempotent: an accepted text parses to itself', () => {
    fc.assert(
      fc.property(fc.oneof(anyUnits, anyCodePoints), (raw) => {
        const result = parse(raw);
        if (!(result instanceof DomainError)) expect(PostText.parse(result.value).value).toBe(result.value);
      }),
      { numRuns: 2_000 },
    );
  });

  it('accepts any 1–500 visible characters whatever whitespace surrounds them, and counts them as a person would', () => {
    fc.assert(
      fc.property(
        paddedWhitespace,
        fc.array(visibleGrapheme, { minLength: 1, maxLength: POST_TEXT_MAX_LENGTH }),
        paddedWhitespace,
        (before, graphemes, after) => {
          const text = PostText.parse(before + graphemes.join('') + after).value;
          expect(visibleLength(text)).toBe(visibleLength(graphemes.join('').normalize('NFC')));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rejects any text of more than 500 visible characters as too long', () => {
    fc.assert(
      fc.property(fc.array(visibleGrapheme, { minLength: 501, maxLength: 700 }), (graphemes) => {
        const joined = graphemes.join('').normalize('NFC');
        fc.pre(visibleLength(joined) > POST_TEXT_MAX_LENGTH); // adjacent clusters may merge (e.g. two flags)
        expect((parse(joined) as DomainError).code).toBe('post.text_too_long');
      }),
      { numRuns: 100 },
    );
  });

  it('rejects a control character anywhere inside an otherwise valid text', () => {
    fc.assert(
      fc.property(
        fc.array(visibleGrapheme, { minLength: 2, maxLength: 50 }),
        controls,
        fc.nat(),
        (graphemes, control, at) => {
          const i = 1 + (at % (graphemes.length - 1));
          const raw = [...graphemes.slice(0, i), String.fromCharCode(control), ...graphemes.slice(i)].join(
            '',
          );
          expect((parse(raw) as DomainError).code).toBe('post.text_invalid_characters');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('rejects an unpaired surrogate anywhere', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 30 }),
        fc.integer({ min: 0xd800, max: 0xdfff }),
        fc.string({ maxLength: 30 }),
        (a, s, b) => {
          expect((parse(`${a}x${String.fromCharCode(s)}x${b}`) as DomainError).code).toBe(
            'post.text_invalid_characters',
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
