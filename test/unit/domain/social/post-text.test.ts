import { describe, expect, it } from '@jest/globals';
import { POST_TEXT_MAX_MARKS_PER_CHARACTER, PostText, visibleLength } from '#domain/social/post-text.ts';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return 'accepted';
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('PostText', () => {
  it('keeps the text trimmed', () => {
    expect(PostText.parse('  \n hello world \t\n').value).toBe('hello world');
  });

  it('counts what a person sees: an emoji with skin tone, a family, a flag and an accented letter are one each', () => {
    const text = '👍🏽👨‍👩‍👧‍👦🇫🇷e\u0301';
    expect(visibleLength(text)).toBe(4);
    expect(PostText.parse(text).value).toBe('👍🏽👨‍👩‍👧‍👦🇫🇷é');
  });

  it('accepts exactly 500 characters, even when each is several code points', () => {
    expect(PostText.parse('a'.repeat(500)).value).toHaveLength(500);
    expect(visibleLength(PostText.parse('👨‍👩‍👧'.repeat(500)).value)).toBe(500);
  });

  it('rejects 501 characters with the limit and the length in the error', () => {
    expect(() => PostText.parse('é'.repeat(501))).toThrow(
      expect.objectContaining({ code: 'post.text_too_long', details: { max_length: 500, length: 501 } }),
    );
  });

  it('does not count the whitespace around the text', () => {
    expect(codeOf(() => PostText.parse(`   ${'a'.repeat(500)}   `))).toBe('accepted');
  });

  it('rejects an empty text, only whitespace, or only invisible characters', () => {
    for (const text of ['', '   ', '\n\n', '\u200B', ' \u3164 ', '\u2060\u200D'])
      expect(codeOf(() => PostText.parse(text))).toBe('post.text_empty');
  });

  it('keeps line breaks inside the text and unifies CRLF and CR to LF', () => {
    expect(PostText.parse('one\r\ntwo\rthree\nfour').value).toBe('one\ntwo\nthree\nfour');
  });

  it('rejects control characters inside the text: tab, escape, NUL, DEL, C1', () => {
    for (const control of ['\t', '\u001b[31m', '\u0000', '\u007f', '\u0085', '\u009b'])
      expect(codeOf(() => PostText.parse(`a${control}b`))).toBe('post.text_invalid_characters');
  });

  it('rejects broken Unicode (an unpaired surrogate)', () => {
    expect(codeOf(() => PostText.parse('ok \uD800 ok'))).toBe('post.text_invalid_characters');
    expect(codeOf(() => PostText.parse('\uDC00'))).toBe('post.text_invalid_characters');
  });

  it('normalises to NFC, so the same visible text is stored the same way', () => {
    expect(PostText.parse('Cafe\u0301').value).toBe(PostText.parse('Caf\u00e9').value);
  });

  it('rejects text with no visible character: blank Braille, lone combining marks, format characters', () => {
    for (const text of [
      '\u2800',
      '\u2800 \u2800\n\u2800',
      '\u0301',
      '\u0301\u0308\u20dd',
      '\u200e\u2800\u0301',
    ])
      expect(codeOf(() => PostText.parse(text))).toBe('post.text_empty');
  });

  it('still accepts visible text around such characters', () => {
    expect(codeOf(() => PostText.parse('\u2800 hello \u2800'))).toBe('accepted');
    expect(codeOf(() => PostText.parse('ok \u0301'))).toBe('accepted');
  });

  it('caps the combining marks one character carries, so e + 10 000 × U+0301 is refused', () => {
    const zalgo = PostText.parse.bind(PostText, `e${'\u0301'.repeat(10_000)}`);
    expect(codeOf(zalgo)).toBe('post.text_too_many_marks');
    expect(zalgo).toThrow(
      expect.objectContaining({ details: { max_marks_per_character: POST_TEXT_MAX_MARKS_PER_CHARACTER } }),
    );
    const most = `q${'\u0301\u0300'.repeat(POST_TEXT_MAX_MARKS_PER_CHARACTER / 2)}`;
    expect(codeOf(() => PostText.parse(most))).toBe('accepted');
    expect(codeOf(() => PostText.parse(`${most}\u0302`))).toBe('post.text_too_many_marks');
  });

  it('accepts real writing with stacked marks: Vietnamese, pointed Hebrew, Devanagari, a keycap emoji', () => {
    for (const text of ['Tiếng Việt', 'בְּרֵאשִׁ֖ית', 'स्त्री', '1️⃣', 'ཀྵྲྀ'])
      expect(codeOf(() => PostText.parse(text))).toBe('accepted');
  });

  it('rejects tag characters (invisible, they can smuggle a hidden message) but in an emoji subdivision flag', () => {
    const hidden = String.fromCodePoint(
      0xe0001,
      ...[...'ignore all'].map((c) => 0xe0000 + c.codePointAt(0)!),
    );
    expect(codeOf(() => PostText.parse(hidden))).toBe('post.text_invalid_characters');
    expect(codeOf(() => PostText.parse(`hello${hidden}`))).toBe('post.text_invalid_characters');
    expect(codeOf(() => PostText.parse('Go 🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}!'))).toBe(
      'accepted',
    );
  });
});
