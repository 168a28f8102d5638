import 'reflect-metadata';
import { pino } from 'pino';
import { createLogger } from '#adapters/telemetry/logger.ts';
import { DomainError } from '#domain/shared/domain-error.ts';
import { ConfigError, loadConfig } from './config/config.ts';
import { purgeCredentialsCommand } from './entrypoints/credentials.command.ts';
import { deadLettersCommand } from './entrypoints/dead-letters.command.ts';
import { digestCommand } from './entrypoints/digest.command.ts';
import { generateKeyCommand } from './entrypoints/keys.command.ts';
import { promoteUserCommand } from './entrypoints/users.command.ts';
import { migrate } from './entrypoints/migrate.ts';
import { serve } from './entrypoints/serve.ts';
import type { Role } from './runtime.ts';

const usage = `Usage: rookery <command>

Commands:
  all         api + worker + scheduler in one process (what \`npm start\` runs)
  api         the HTTP API
  worker      event consumers and the outbox relay
  scheduler   scheduled jobs (daily digest)
  migrate     apply database migrations, then exit
  dlq         inspect, replay or purge dead letters (rookery dlq help)
  keys:generate   add an access-token signing key to JWT_KEYS_DIR
  digest:run [--date YYYY-MM-DD]   request one date's digests, then exit (digest:skip, digest:status too)
  users:promote <email>   make an account an administrator
  credentials:purge   delete expired refresh tokens, SSO codes and verification links, then exit
  help        show this text

Configuration comes from environment variables (and .env); see docs/configuration.md.`;

const roles: Record<string, Role[]> = {
  all: ['api', 'worker', 'scheduler'],
  api: ['api'],
  worker: ['worker'],
  scheduler: ['scheduler'],
};

async function main(argv: string[]): Promise<void> {
  const [command = 'help'] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const config = loadConfig();
  // One-shot commands print their result on stdout; their logs go to stderr.
  const oneShot = !roles[command] && command !== 'migrate';
  const logger = createLogger(
    { level: config.log.level, service: `rookery-${command}` },
    oneShot ? pino.destination(2) : undefined,
  );
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));

  const selected = roles[command];
  if (selected) return serve(selected, config, logger);
  if (command === 'migrate') return migrate(config, logger);
  if (command === 'dlq') {
    process.exitCode = await deadLettersCommand(argv.slice(1), config, logger);
    return;
  }
  if (command.startsWith('digest:')) {
    process.exitCode = await digestCommand(command, argv.slice(1), config, logger);
    return;
  }
  if (command === 'keys:generate') {
    process.exitCode = await generateKeyCommand(config);
    return;
  }
  if (command === 'credentials:purge') {
    process.exitCode = await purgeCredentialsCommand(config, logger);
    return;
  }
  if (command === 'users:promote') {
    process.exitCode = await promoteUserCommand(argv.slice(1), config, logger);
    return;
  }
  process.stderr.write(`Unknown command "${command}".\n\n${usage}\n`);
  process.exitCode = 2;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof DomainError) {
    process.stderr.write(`${error.code}: ${error.message}\n`);
    process.exit(1);
  }
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(
    `rookery failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
