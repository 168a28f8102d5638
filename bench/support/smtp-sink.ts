/**
 * An SMTP server in a process of its own (so it does not share the event loop of the
 * Rookery it measures), for `bench:digest`. Forked with IPC: reports how many messages it
 * accepted, and on request the latency of each (acceptance time minus the creation time
 * encoded in its UUIDv7 Message-ID, i.e. from the digest event to the SMTP server).
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

const latencies: number[] = [];
let accepted = 0;
const MESSAGE_ID = /^Message-ID:\s*<([0-9a-f-]{36})@/im;

function uuidV7Millis(id: string): number | null {
  const hex = id.replace(/-/g, '');
  return hex[12] === '7' ? parseInt(hex.slice(0, 12), 16) : null;
}

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  maxClients: 256,
  onData(stream, _session, callback) {
    let head = '';
    stream.on('data', (chunk: Buffer) => {
      if (head.length < 8192) head += chunk.toString('latin1');
    });
    stream.on('end', () => {
      accepted++;
      const id = MESSAGE_ID.exec(head)?.[1];
      const created = id ? uuidV7Millis(id) : null;
      if (created !== null) latencies.push(Date.now() - created);
      callback();
    });
  },
});
server.on('error', () => {});
server.listen(0, '127.0.0.1', () => {
  process.send!({ port: (server.server.address() as AddressInfo).port });
});
const progress = setInterval(() => process.send!({ accepted }), 100);
process.on('message', (message: string) => {
  if (message === 'latencies') process.send!({ latencies: latencies.splice(0) });
  if (message === 'stop') {
    clearInterval(progress);
    server.close(() => process.exit(0));
  }
});
