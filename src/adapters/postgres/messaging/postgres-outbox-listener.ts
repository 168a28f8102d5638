import pg from 'pg';
import type { Logger } from '../../telemetry/logger.ts';

/**
 * Wakes the relay when another process commits events: LISTEN on the channel the outbox
 * trigger notifies. Reconnects with backoff; while disconnected the relay's polling
 * carries on, so a lost notification only costs latency.
 */
export class PostgresOutboxListener {
  private readonly url: string;
  private readonly onNotify: () => void;
  private readonly logger: Logger;
  private client: pg.Client | null = null;
  private stopped = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(url: string, onNotify: () => void, logger: Logger) {
    this.url = url;
    this.onNotify = onNotify;
    this.logger = logger;
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.client?.end().catch(() => {});
    this.client = null;
  }

  private async connect(attempt: number): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.url, application_name: 'rookery-outbox-listener' });
    client.on('notification', () => this.onNotify());
    client.on('error', (error) => {
      this.logger.warn({ err: error }, 'outbox listener lost its connection; reconnecting');
      this.reconnect(client, 0);
    });
    try {
      await client.connect();
      await client.query('listen rookery_outbox');
      this.client = client;
      this.onNotify(); // catch up on anything committed while not listening
    } catch (error) {
      this.logger.warn({ err: error }, 'outbox listener could not connect; retrying');
      this.reconnect(client, attempt + 1);
    }
  }

  private reconnect(client: pg.Client, attempt: number): void {
    if (this.client === client) this.client = null;
    void client.end().catch(() => {});
    if (this.stopped || this.retryTimer) return;
    this.retryTimer = setTimeout(
      () => {
        this.retryTimer = null;
        void this.connect(attempt);
      },
      Math.min(250 * 2 ** attempt, 10_000),
    );
  }
}
