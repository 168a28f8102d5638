import { loadConfig, type Config } from '#bootstrap/config/config.ts';

/** A configuration built only from the given variables (never this machine's .env). */
export function testConfig(env: Record<string, string | undefined>): Config {
  return loadConfig({
    PORT: '0',
    LOG_LEVEL: 'silent',
    SHUTDOWN_TIMEOUT_MS: '5000',
    SHUTDOWN_DRAIN_SECONDS: '0',
    ...env,
  } as NodeJS.ProcessEnv);
}
