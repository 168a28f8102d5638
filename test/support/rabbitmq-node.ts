import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A private RabbitMQ node (same installation, own name, port and data folder) that a test
 * may stop and restart without disturbing the shared broker other tests use.
 */
export class RabbitMqNode {
  readonly name: string;
  readonly port: number;
  private readonly dir: string;

  private constructor(name: string, port: number) {
    this.name = name;
    this.port = port;
    this.dir = `/tmp/rookery-${name.split('@')[0]}`;
  }

  get url(): string {
    return `amqp://guest:guest@127.0.0.1:${this.port}`;
  }

  static async start(port: number): Promise<RabbitMqNode> {
    const node = new RabbitMqNode(`rookery-fault-${port}@localhost`, port);
    await node.stopQuietly();
    await rm(node.dir, { recursive: true, force: true });
    await mkdir(`${node.dir}/mnesia`, { recursive: true });
    await mkdir(`${node.dir}/log`, { recursive: true });
    await writeFile(`${node.dir}/enabled_plugins`, '[].\n');
    await writeFile(
      `${node.dir}/rabbitmq.conf`,
      `listeners.tcp.local = 127.0.0.1:${port}\nloopback_users = none\n`,
    );
    await run('chown', ['-R', 'rabbitmq:rabbitmq', node.dir]);
    await node.boot();
    return node;
  }

  /** Stops the whole node (all connections drop) and boots it again on the same data. */
  async restart(downMs = 1_000): Promise<void> {
    await run('rabbitmqctl', ['-n', this.name, 'stop']);
    await new Promise((r) => setTimeout(r, downMs));
    await this.boot();
  }

  async stop(): Promise<void> {
    await this.stopQuietly();
    await rm(this.dir, { recursive: true, force: true });
  }

  private async boot(): Promise<void> {
    await run('rabbitmq-server', ['-detached'], {
      env: {
        ...process.env,
        RABBITMQ_NODENAME: this.name,
        RABBITMQ_CONFIG_FILE: `${this.dir}/rabbitmq.conf`,
        RABBITMQ_DIST_PORT: String(this.port + 20_000),
        RABBITMQ_MNESIA_BASE: `${this.dir}/mnesia`,
        RABBITMQ_LOG_BASE: `${this.dir}/log`,
        RABBITMQ_ENABLED_PLUGINS_FILE: `${this.dir}/enabled_plugins`,
        RABBITMQ_PID_FILE: `${this.dir}/pid`,
      },
    });
    const deadline = Date.now() + 60_000;
    while (!(await accepts(this.port))) {
      if (Date.now() > deadline) throw new Error(`RabbitMQ node ${this.name} did not start`);
      await new Promise((r) => setTimeout(r, 250));
    }
    await run('rabbitmqctl', ['-n', this.name, 'await_startup'], { timeout: 60_000 });
  }

  private async stopQuietly(): Promise<void> {
    await run('rabbitmqctl', ['-n', this.name, 'stop']).catch(() => {});
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
