import type { HealthProbe } from '#application/operations/health-probe.ts';
import type { Redis } from './redis-client.ts';

export class RedisHealthProbe implements HealthProbe {
  readonly name = 'cache';
  readonly required = true;
  private readonly redis: Redis;

  constructor(redis: Redis) {
    this.redis = redis;
  }

  async check(): Promise<void> {
    if (this.redis.status !== 'ready') throw new Error(`connection is ${this.redis.status}`);
    await this.redis.ping();
  }
}
