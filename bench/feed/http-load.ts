import autocannon from 'autocannon';

export interface HttpRun {
  /** Latency of every 2xx answer, ms. */
  latencies: number[];
  seconds: number;
  errors: number;
}

export interface LoadOptions {
  /** `Bearer …` values, used round-robin, one per request. */
  tokens: string[];
  path: string;
  connections: number;
  /** Either a duration or a number of requests. */
  seconds?: number;
  amount?: number;
}

/** autocannon against `base`, each request with the next token; every response timed. */
export function load(base: string, options: LoadOptions): Promise<HttpRun> {
  const run: HttpRun = { latencies: [], seconds: 0, errors: 0 };
  let next = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections: options.connections,
        ...(options.amount !== undefined ? { amount: options.amount } : { duration: options.seconds ?? 10 }),
        requests: [
          {
            setupRequest: (request) => ({
              ...request,
              method: 'GET',
              path: options.path,
              headers: { ...request.headers, authorization: options.tokens[next++ % options.tokens.length]! },
            }),
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        run.seconds = result.duration;
        resolve(run);
      },
    );
    instance.on('response', (_client, status, _bytes, responseTime) => {
      if (status >= 200 && status < 300) run.latencies.push(responseTime);
      else run.errors++;
    });
  });
}

/** The average body size of some GET answers, bytes. */
export async function averageBody(base: string, path: string, tokens: string[]): Promise<number> {
  let total = 0;
  for (const token of tokens)
    total += (await (await fetch(`${base}${path}`, { headers: { authorization: token } })).text()).length;
  return Math.round(total / tokens.length);
}
