/**
 * Raw query results arrive as the drivers give them: PostgreSQL's text form for
 * timestamps (`2026-11-22 09:00:00.123+00`) and strings for bigint. Read them here, once.
 */
export function timestampOf(value: unknown): Date {
  if (value instanceof Date) return value;
  const text = String(value);
  const iso = text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`Unreadable timestamp from the database: ${text}`);
  return date;
}
