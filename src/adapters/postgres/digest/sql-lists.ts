/** `(values (?::uuid), …)` for a batch of ids: explicit placeholders, the same on PostgreSQL and PGlite. */
export function uuidValues(ids: readonly string[]): string {
  return `(values ${ids.map(() => '(?::uuid)').join(', ')})`;
}

export function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}
