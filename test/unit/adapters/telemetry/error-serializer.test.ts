import { describe, expect, it } from '@jest/globals';
import { serializeError, withoutSqlLiterals } from '#adapters/telemetry/error-serializer.ts';

describe('withoutSqlLiterals', () => {
  it.each([
    [
      `select * from "users" as "u0" where "u0"."email" = 'a@b.c' limit 1`,
      `select * from "users" as "u0" where "u0"."email" = ? limit ?`,
    ],
    [`insert into t values ('it''s', E'a\\'b', 12.5e3, -7)`, `insert into t values (?, ?, ?, ?)`],
    [`select $1, $tag$secret$tag$, $$also$$`, `select $1, ?, ?`],
    [
      `select t1.x2 from t1 where id = '0190a8c0-0000-7000-8000-000000000001'::uuid`,
      `select t1.x2 from t1 where id = ?::uuid`,
    ],
  ])('%s', (sql, expected) => {
    expect(withoutSqlLiterals(sql)).toBe(expected);
  });
});

describe('serializeError', () => {
  const pgError = (message: string, extra: Record<string, unknown> = {}) =>
    Object.assign(new Error(message), { code: '22003', severity: 'ERROR', ...extra });

  it('elides values PostgreSQL quotes in its messages', () => {
    const out = serializeError(pgError('value "99999999999" is out of range for type integer')) as Record<
      string,
      unknown
    >;
    expect(out.message).toBe('value ? is out of range for type integer');
    expect(String(out.stack)).not.toContain('99999999999');
  });

  it('drops parameters a driver kept beside the statement', () => {
    const out = serializeError(pgError('boom', { params: ['secret'], query: "select 'secret'" })) as Record<
      string,
      unknown
    >;
    expect(out.params).toBeUndefined();
    expect(out.query).toBe('select ?');
  });

  it('leaves other errors as pino serialises them', () => {
    const out = serializeError(new Error('value "kept" here')) as Record<string, unknown>;
    expect(out.message).toBe('value "kept" here');
  });
});
