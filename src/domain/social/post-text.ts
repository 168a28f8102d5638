import { DomainError } from '../shared/domain-error.ts';

export const POST_TEXT_MAX_LENGTH = 500;
/**
 * Combining marks one character may carry. Real writing stays well under it (Vietnamese
 * stacks two, pointed Hebrew with cantillation or Indic conjuncts three or four, an emoji
 * keycap two); "Zalgo" text stacks dozens to thousands, which spill over the lines around
 * it and make one "character" of a post arbitrarily large.
 */
export const POST_TEXT_MAX_MARKS_PER_CHARACTER = 8;

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
      'A post may not contain control characters (other than line breaks), tag characters outside an emoji flag, or broken Unicode.',
    );
  }
}

export class PostTextTooManyMarks extends DomainError {
  constructor() {
    super(
      'post.text_too_many_marks',
      'invalid',
      `A character of a post carries at most ${POST_TEXT_MAX_MARKS_PER_CHARACTER} combining marks.`,
      { max_marks_per_character: POST_TEXT_MAX_MARKS_PER_CHARACTER },
    );
  }
}

// Line breaks are how people write multi-line posts; every other control character (C0,
// DEL, C1) is invisible, breaks rendering, or smuggles terminal escapes into logs.
const CONTROL = /[^\P{Cc}\n]/u;
// Text that renders as nothing: only spaces, default-ignorable code points (ZWSP, joiners,
// fillers, tags), format characters, combining marks with nothing to combine with, and the
// blank Braille pattern (U+2800, a favourite "empty" character since it is a symbol).
const VISIBLE = /[^\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cf}\p{M}\u2800]/u;
// Tag characters are invisible and can carry a hidden ASCII message (to a language model,
// say); the one legitimate use is an emoji subdivision flag: 🏴 + tags + CANCEL TAG.
const TAG_FLAG = /\u{1F3F4}[\u{E0020}-\u{E007E}]+\u{E007F}/gu;
const TAG = /[\u{E0000}-\u{E007F}]/u;
const MARK = /\p{M}/gu;
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/** How many characters a person sees: extended grapheme clusters (👍🏽 and é are one each). */
export function visibleLength(text: string): number {
  let count = 0;
  for (const _ of graphemes.segment(text)) count++;
  return count;
}

/**
 * The text of a post: NFC-normalised, line breaks unified to `\n`, trimmed, 1–500
 * grapheme clusters with at least one visible character and at most
 * `POST_TEXT_MAX_MARKS_PER_CHARACTER` combining marks each, no control characters but
 * line breaks, no tag characters but in emoji flags, no unpaired surrogates.
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
    if (CONTROL.test(value) || TAG.test(value.replace(TAG_FLAG, ''))) throw new PostTextInvalidCharacters();
    if (!VISIBLE.test(value)) throw new PostTextEmpty();
    let length = 0;
    for (const { segment } of graphemes.segment(value)) {
      length++;
      if ((segment.match(MARK)?.length ?? 0) > POST_TEXT_MAX_MARKS_PER_CHARACTER)
        throw new PostTextTooManyMarks();
    }
    if (length > POST_TEXT_MAX_LENGTH) throw new PostTextTooLong(length);
    return new PostText(value);
  }

  toString(): string {
    return this.value;
  }
}
