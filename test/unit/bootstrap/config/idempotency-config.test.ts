import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '#bootstrap/config/config.ts';

describe('IDEMPOTENCY_KEY_TTL_HOURS', () => {
  it('keeps keys 24 hours by default', () => {
    expect(loadConfig({} as NodeJS.ProcessEnv).idempotency.keyTtlMs).toBe(24 * 3_600_000);
  });

  it('takes a number of hours', () => {
    expect(loadConfig({ IDEMPOTENCY_KEY_TTL_HOURS: '48' } as NodeJS.ProcessEnv).idempotency.keyTtlMs).toBe(
      48 * 3_600_000,
    );
  });

  it('refuses zero, fractions and more than 30 days, naming the variable', () => {
    for (const value of ['0', '1.5', '721', 'a day'])
      expect(() => loadConfig({ IDEMPOTENCY_KEY_TTL_HOURS: value } as NodeJS.ProcessEnv)).toThrow(
        expect.objectContaining({
          name: ConfigError.name,
          message: expect.stringContaining('IDEMPOTENCY_KEY_TTL_HOURS'),
        }),
      );
  });
});
