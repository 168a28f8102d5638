import { DomainError } from '../shared/domain-error.ts';

export const POST_TEXT_MAX_LENGTH = 500;

export class PostTextEmpty extends DomainError {
  constructor() {
    super('post.text_empty', 'invalid', 'A post needs some visible text.', {
      max_length: POST_TEXT_MAX_LENGTH,
    });
  }
}

export class PostTextTooLong extends DomainError {
  constructor(length: number) {
    super(
      'post.text_too_long',
      'invalid',
      `A post is at most ${POST_TEXT_MAX_LENGTH} characters; this one has ${length}.`,
      { max_length: POST_TEXT_MAX_LENGTH, length },
    );
  }
}

export class PostTextInvalidCharacters extends DomainError {
  constructor() {
    super(
      'post.text_invalid_characters',
      'invalid',
      'A post may not contain control characters (other than line breaks) or broken Unicode.',
    );
  }
}

// Line breaks are how people write multi-line posts; every other control character (C0,
// DEL, C1) is invisible, breaks rendering, or smuggles terminal escapes into logs.
const CONTROL = /[^\P{Cc}\n]/u;
// Text that renders as nothing: only spaces and default-ignorable marks (ZWSP, joiners, fillers).
const VISIBLE = /[^\p{White_Space}\p{Default_Ignorable_Code_Point}]/u;
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/** How many characters a person sees: extended grapheme clusters (👍🏽 and é are one each). */
export function visibleLength(text: string): number {
  let count = 0;
  for (const _ of graphemes.segment(text)) count++;
  return count;
}

/**
 * The text of a post: NFC-normalised, line breaks unified to `\n`, trimmed, 1–500
 * grapheme clusters, no control characters but line breaks, no unpaired surrogates.
 * Parsing a valid text again yields the same text.
 */
export class PostText {
  readonly value: string;

  private constructor(value: string) {
    this.value = value;
  }

  static parse(raw: string): PostText {
    if (!raw.isWellFormed()) throw new PostTextInvalidCharacters();
    const value = raw.replace(/\r\n?/g, '\n').normalize('NFC').trim();
    if (CONTROL.test(value)) throw new PostTextInvalidCharacters();
    if (!VISIBLE.test(value)) throw new PostTextEmpty();
    const length = visibleLength(value);
    if (length > POST_TEXT_MAX_LENGTH) throw new PostTextTooLong(length);
    return new PostText(value);
  }

  toString(): string {
    return this.value;
  }
}
