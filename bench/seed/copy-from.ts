import type pg from 'pg';

/** What pg's Client calls on a query object it runs (its "submittable" protocol). */
interface PgConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
  stream: NodeJS.WritableStream & { writableNeedDrain?: boolean };
}

const CHUNK_BYTES = 256 * 1024;

/**
 * `COPY <table> (<columns>) FROM STDIN` over an open pg client, fed with text-format rows
 * (tab-separated, `\N` for null, newline-terminated). pg has no COPY helper of its own;
 * this drives its protocol directly, chunked and with back-pressure, so millions of rows
 * stream at the server's pace. Resolves with the number of rows sent.
 */
export function copyFrom(
  client: pg.Client,
  sql: string,
  rows: Iterable<string>,
  onRows?: (n: number) => void,
) {
  return new Promise<number>((resolve, reject) => {
    let sent = 0;
    const submittable = {
      text: sql,
      submit(connection: PgConnection) {
        connection.query(sql);
      },
      async handleCopyInResponse(connection: PgConnection) {
        try {
          let buffer: string[] = [];
          let bytes = 0;
          const flush = async () => {
            connection.sendCopyFromChunk(Buffer.from(buffer.join(''), 'utf8'));
            onRows?.(buffer.length);
            buffer = [];
            bytes = 0;
            if (connection.stream.writableNeedDrain)
              await new Promise((r) => connection.stream.once('drain', () => r(undefined)));
          };
          for (const row of rows) {
            buffer.push(row);
            bytes += row.length;
            sent++;
            if (bytes >= CHUNK_BYTES) await flush();
          }
          if (buffer.length > 0) await flush();
          connection.endCopyFrom();
        } catch (error) {
          connection.sendCopyFail(String(error));
        }
      },
      handleCommandComplete() {},
      handleReadyForQuery() {
        resolve(sent);
      },
      handleError(error: Error) {
        reject(error);
      },
    };
    // A submittable is driven through its handlers above; the cast only satisfies pg's types.
    void client.query(submittable as unknown as pg.QueryConfig);
  });
}

/** One COPY text-format row. Values never contain tabs, newlines or backslashes here. */
export const row = (...values: (string | number | null)[]) =>
  `${values.map((v) => (v === null ? '\\N' : String(v))).join('\t')}\n`;
