import type pg from 'pg';

/**
 * Between phases: waits until the previous phase's work is done (outbox relayed, every
 * event queue empty, no delivery handled for a second), then vacuums what it wrote, so
 * that a phase is not measured on the backlog and dead tuples of the one before.
 */
export async function settle(base: string, pool: pg.Pool, timeoutMs = 600_000): Promise<number> {
  const started = performance.now();
  let quiet = 0;
  let consumed = -1;
  while (performance.now() - started < timeoutMs) {
    const m = await scrape(base);
    const idle = m.outboxLag === 0 && m.backlog === 0 && m.consumed === consumed;
    consumed = m.consumed;
    quiet = idle ? quiet + 1 : 0;
    if (quiet >= 4) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  await pool.query(
    'vacuum (analyze) user_feed, posts, follows, likes, outbox, processed_events, activity_hourly',
  );
  return (performance.now() - started) / 1000;
}

async function scrape(base: string) {
  const text = await (await fetch(`${base}/metrics`)).text();
  let outboxLag = 0;
  let backlog = 0;
  let consumed = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const value = Number(line.split(' ').at(-1));
    if (line.startsWith('outbox_lag_seconds')) outboxLag = value;
    else if (line.startsWith('event_queue_backlog{') && !line.includes('.dead-letters')) backlog += value;
    else if (line.startsWith('events_consumed_total{')) consumed += value;
  }
  return { outboxLag, backlog, consumed };
}
