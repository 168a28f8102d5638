import type { Logger } from '#adapters/telemetry/logger.ts';
import { PromoteUser } from '#application/users/promote-user.use-case.ts';
import type { Config } from '../config/config.ts';
import { withContainer } from './with-container.ts';

export const usersUsage = `Usage: rookery users:promote <email>

  Makes the account with this e-mail an administrator (role admin) and prints it as JSON.`;

/** `rookery users:promote <email>`: the only way to make an administrator (no HTTP route does it). */
export async function promoteUserCommand(argv: string[], config: Config, logger: Logger): Promise<number> {
  const [email] = argv;
  if (!email || argv.length !== 1) {
    process.stderr.write(`${usersUsage}\n`);
    return 2;
  }
  return withContainer(config, logger, async (container) => {
    const user = await container.get(PromoteUser).execute({ email });
    process.stdout.write(
      `${JSON.stringify({ id: user.id, email: user.email, handle: user.handle, role: user.role })}\n`,
    );
    return 0;
  });
}
