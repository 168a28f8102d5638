/** Where the real services of this machine are; override with TEST_* variables. */
export const services = {
  postgresAdminUrl: process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
  redisUrl: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
  amqpUrl: process.env.TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
};

/**
 * Databases of one test run share this prefix. The pid is Jest's parent process: the
 * global setup runs there, and workers inherit it through the environment.
 */
export const RUN_PREFIX = process.env.ROOKERY_TEST_RUN ?? `rookery_test_${process.pid}`;
export const TEMPLATE_DATABASE = `${RUN_PREFIX}_template`;

export function databaseUrl(name: string): string {
  const url = new URL(services.postgresAdminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
