import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Registry } from 'prom-client';
import { gauge } from '../../telemetry/metrics.ts';

/**
 * `avatar_storage_bytes`: bytes of uploads and renditions still in storage, read from
 * PostgreSQL at scrape time (so every process reports the same total, whoever wrote the
 * objects). Cached conversions are not counted. Cached for 30 s to keep scrapes cheap.
 */
export function registerAvatarStorageGauge(registry: Registry, em: SqlEntityManager, cacheMs = 30_000): void {
  let cached: { at: number; value: number } | null = null;
  gauge(registry, {
    name: 'avatar_storage_bytes',
    help: 'Bytes of avatar uploads and renditions held in storage (not yet purged).',
    async collect() {
      if (!cached || Date.now() - cached.at > cacheMs) {
        const [row] = await em.fork().execute<{ total: string | number | null }[]>(
          `select coalesce(sum(size_bytes + coalesce(
             (select sum((r->>'bytes')::bigint) from jsonb_array_elements(renditions) r), 0)), 0) as total
           from avatars where purged_at is null`,
        );
        cached = { at: Date.now(), value: Number(row?.total ?? 0) };
      }
      this.set(cached.value);
    },
  });
}
