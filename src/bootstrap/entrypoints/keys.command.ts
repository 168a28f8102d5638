import { generateKey } from '#adapters/identity/key-ring.ts';
import type { Config } from '../config/config.ts';

/** `rookery keys:generate`: adds a signing key to JWT_KEYS_DIR and prints its id. */
export async function generateKeyCommand(config: Config): Promise<number> {
  const kid = await generateKey(config.auth.keysDir);
  process.stdout.write(`${JSON.stringify({ kid, directory: config.auth.keysDir })}\n`);
  return 0;
}
