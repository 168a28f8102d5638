import { describe, expect, it } from '@jest/globals';
import { Handle } from '#domain/users/handle.ts';

describe('Handle.suggest', () => {
  it.each([
    ['ada.lovelace', 'ada_lovelace'],
    ['Émile Zola', 'emile_zola'],
    ['--grace--', 'grace'],
    ['jo', 'jo_user'],
    ['', 'user'],
    ['名前', 'user'],
    ['admin', 'admin_1'],
    ['a'.repeat(40), 'a'.repeat(24)],
  ])('turns %j into the valid handle %j', (raw, expected) => {
    const suggested = Handle.suggest(raw);
    expect(suggested).toBe(expected);
    expect(Handle.parse(suggested).value).toBe(suggested);
  });
});

describe('Handle.withSuffix', () => {
  it('appends a suffix and stays within 30 characters', () => {
    expect(Handle.withSuffix('ada', '7f3c')).toBe('ada_7f3c');
    expect(Handle.withSuffix('a'.repeat(30), '7f3c')).toBe(`${'a'.repeat(25)}_7f3c`);
  });
});
