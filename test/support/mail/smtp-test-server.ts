import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

export interface SmtpTestServer {
  url: string;
  port: number;
  /** Raw RFC 5322 messages, in the order the server accepted them (250 after DATA). */
  readonly received: Buffer[];
  /** Refuses the next `count` messages at RCPT TO with `code` (4xx temporary, 5xx permanent). */
  refuseNext(count: number, code: number): void;
  /** Called with each accepted message before the server answers 250 (a test may hold the reply). */
  onAccept: ((raw: Buffer) => void | Promise<void>) | null;
  /** Attempts the server saw, including refused ones. */
  readonly attempts: number;
  close(): Promise<void>;
}

/** A real SMTP server (smtp-server) on a free loopback port, for the mailer's tests. */
export async function startSmtpTestServer(): Promise<SmtpTestServer> {
  let refusals: { left: number; code: number } = { left: 0, code: 451 };
  let attempts = 0;
  const state: SmtpTestServer = {
    url: '',
    port: 0,
    received: [],
    onAccept: null,
    get attempts() {
      return attempts;
    },
    refuseNext(count, code) {
      refusals = { left: count, code };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo(_address, _session: SMTPServerSession, callback) {
      attempts++;
      if (refusals.left > 0) {
        refusals.left--;
        const error = Object.assign(new Error(refusals.code < 500 ? 'try again later' : 'no such mailbox'), {
          responseCode: refusals.code,
        });
        return callback(error);
      }
      callback();
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        void Promise.resolve(state.onAccept?.(raw)).then(
          () => {
            state.received.push(raw);
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  server.on('error', () => {}); // a client that drops its connection is not a test failure
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  state.port = (server.server.address() as AddressInfo).port;
  state.url = `smtp://127.0.0.1:${state.port}`;
  return state;
}
