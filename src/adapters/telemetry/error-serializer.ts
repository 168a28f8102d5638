import { pino } from 'pino';

/**
 * Database errors carry the values of the statement that failed: MikroORM inlines the
 * parameters into the SQL it sends (PGlite then repeats that SQL as `query`), PostgreSQL
 * quotes a rejected value in the message (`invalid input syntax for type uuid: "…"`) and the
 * row or key in `detail` (`Key (email)=(…) already exists`). Those are e-mail addresses,
 * password hashes, post texts: personal data that must not reach the logs. The statement's
 * shape, the SQLSTATE, the constraint, table and column are what an operator needs, so they
 * stay; every literal becomes `?`.
 */
export function serializeError(error: unknown): unknown {
  const serialized = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
  if (!isDatabaseError(error)) return serialized;
  const safe: Record<string, unknown> = { ...serialized };
  for (const key of ['query', 'internalQuery', 'where', 'sql']) {
    if (typeof safe[key] === 'string') safe[key] = withoutSqlLiterals(safe[key]);
  }
  if (typeof safe.detail === 'string') safe.detail = withoutRowValues(safe.detail);
  for (const key of ['message', 'sqlMessage', 'errmsg']) {
    if (typeof safe[key] === 'string') safe[key] = withoutQuotedValue(safe[key]);
  }
  if (typeof safe.stack === 'string') safe.stack = withoutStackMessage(safe.stack, safe.message);
  delete safe.params; // whatever the driver kept of the values, apart from the statement
  delete safe.parameters;
  return safe;
}

function isDatabaseError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { sqlState, code, severity } = error as { sqlState?: unknown; code?: unknown; severity?: unknown };
  // PostgreSQL errors: a 5-character SQLSTATE and a severity; MikroORM copies both.
  return (
    typeof sqlState === 'string' ||
    (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && typeof severity === 'string')
  );
}

const STRING_LITERAL = /(?:\b[EeNn]|\bU&)?'(?:[^'\\]|''|\\.)*'/g;
const DOLLAR_QUOTED = /\$([A-Za-z_][A-Za-z0-9_]*)?\$[\s\S]*?\$\1\$/g;
// A number standing alone: not part of an identifier (t0), a placeholder ($1) or a quoted name.
const NUMBER = /(?<![\w$."])-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w"])/g;

/** The statement with every literal (strings, dollar-quoted strings, numbers) replaced by `?`. */
export function withoutSqlLiterals(sql: string): string {
  return sql.replace(DOLLAR_QUOTED, '?').replace(STRING_LITERAL, '?').replace(NUMBER, '?');
}

/** `Key (email)=(a@b.c)` and `Failing row contains (…)`, without the values. */
function withoutRowValues(detail: string): string {
  return detail
    .replace(/\)=\((?:[^()]|\([^()]*\))*\)/g, ')=(?)')
    .replace(/Failing row contains \(.*\)/s, 'Failing row contains (?)');
}

/**
 * PostgreSQL ends a data error's message with the rejected value (`…: "value"`) or names it
 * (`value "…" is out of range`); MikroORM
 * appends the detail (`\n - detail: Key (email)=(…) already exists.`).
 */
function withoutQuotedValue(message: string): string {
  return withoutRowValues(
    message.replace(/: "(?:[^"]|"")*"\s*$/m, ': ?').replace(/\bvalue "(?:[^"]|"")*"/g, 'value ?'),
  );
}

function withoutStackMessage(stack: string, message: unknown): string {
  const lines = stack.split('\n');
  const first = lines[0] ?? '';
  const name = first.includes(':') ? first.slice(0, first.indexOf(':')) : first;
  return [
    `${name}: ${String(message)}`,
    ...lines.slice(1).filter((line) => /^\s+at /.test(line) || line === ''),
  ]
    .join('\n')
    .trimEnd();
}
