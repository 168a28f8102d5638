import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '#bootstrap/config/config.ts';

const load = (env: Record<string, string>) => loadConfig(env as NodeJS.ProcessEnv);

describe('API rate-limit configuration', () => {
  it('defaults to a one-minute window and the built-in group limits', () => {
    expect(load({}).http.rateLimits).toEqual({ windowSeconds: 60, overrides: {} });
  });

  it('reads per-group overrides, later entries winning, 0 lifting a limit', () => {
    const { http } = load({
      API_RATE_LIMIT_WINDOW_SECONDS: '10',
      API_RATE_LIMITS: ' feed.per_user=600, avatar-uploads.per_ip=0,feed.per_user=700,api.per_ip=9000 ',
    });
    expect(http.rateLimits).toEqual({
      windowSeconds: 10,
      overrides: { feed: { per_user: 700 }, 'avatar-uploads': { per_ip: 0 }, api: { per_ip: 9000 } },
    });
  });

  it.each(['nope.per_user=1', 'feed.per_minute=1', 'feed.per_user=-1', 'feed.per_user', 'feed=5'])(
    'refuses %s, naming the variable and the known groups',
    (value) => {
      expect(() => load({ API_RATE_LIMITS: value })).toThrow(ConfigError);
      expect(() => load({ API_RATE_LIMITS: value })).toThrow(/API_RATE_LIMITS: .*groups: api, writes, feed/);
    },
  );
});
