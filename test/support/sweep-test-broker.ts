/**
 * CI hygiene, run by `.ci/run` before the tests (never by the tests themselves, which may run
 * beside another suite): deletes the queues and exchanges that test and benchmark runs killed
 * midway left on the shared broker. Their names start with a throwaway namespace
 * (`e2e-1a2b3c4d.`, `avatars-…`, `bench-feed-…`); nothing else is touched.
 *
 *   node test/support/sweep-test-broker.ts < names   (one queue or exchange name per line)
 */
import { connect } from 'amqplib';

const LEFTOVER = /^(?:test|e2e|avatars|feed|crash|rookery-test|bench(?:-[a-z]+)?)-[0-9a-f]{8}\./;

const input = await new Promise<string>((resolve) => {
  let text = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk: string) => (text += chunk));
  process.stdin.on('end', () => resolve(text));
});
const names = [...new Set(input.split('\n').map((line) => line.trim()))].filter((n) => LEFTOVER.test(n));

const connection = await connect(process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672');
const channel = await connection.createChannel();
for (const name of names) {
  await channel.deleteQueue(name);
  await channel.deleteExchange(name);
}
await connection.close();
console.log(`ci: swept ${names.length} leftover test queues and exchanges from the broker`);
