import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { bootRookery, type BootedRookery } from '../../support/identity-api.ts';

type Operation = {
  operationId?: string;
  tags?: string[];
  security?: unknown[];
  responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
};
type Document = { paths: Record<string, Record<string, Operation>> };

const run = promisify(execFile);

describe('the OpenAPI document as a contract for generated clients', () => {
  let booted: BootedRookery;
  let document: Document;
  let operations: [string, Operation][];
  let folder: string;
  beforeAll(async () => {
    // Not localhost: the document's server is PUBLIC_URL, and Redocly flags local ones.
    booted = await bootRookery(false, { PUBLIC_URL: 'https://rookery.test' });
    document = (await (await fetch(`${booted.rookery.url}/api/docs/openapi.json`)).json()) as Document;
    operations = Object.entries(document.paths).flatMap(([route, ops]) =>
      Object.entries(ops).map(
        ([method, op]) => [`${method.toUpperCase()} ${route}`, op] as [string, Operation],
      ),
    );
    folder = await mkdtemp(path.join(os.tmpdir(), 'rookery-openapi-'));
  }, 60_000);
  afterAll(async () => {
    await booted?.stop();
    await rm(folder, { recursive: true, force: true });
  });

  it('names every operation with a unique camelCase operationId', () => {
    const ids = operations.map(([, op]) => op.operationId);
    expect(operations.length).toBeGreaterThan(40);
    expect(ids.filter((id) => !id || !/^[a-z][a-zA-Z]+$/.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('says on every operation whether it needs a token, and tags it in one casing', () => {
    expect(operations.filter(([, op]) => !Array.isArray(op.security)).map(([name]) => name)).toEqual([]);
    const tags = new Set(operations.flatMap(([, op]) => op.tags ?? []));
    expect([...tags].filter((tag) => !/^[A-Z]/.test(tag))).toEqual([]);
  });

  it('refers every problem response to the one Problem schema', () => {
    const problems = operations.flatMap(([name, op]) =>
      Object.entries(op.responses)
        .filter(([status]) => Number(status) >= 400)
        .map(([status, response]) => ({
          name,
          status,
          ref: response.content?.['application/problem+json']?.schema?.$ref,
        })),
    );
    expect(problems.length).toBeGreaterThan(100);
    expect(problems.filter((p) => p.ref !== '#/components/schemas/Problem')).toEqual([]);
  });

  it('passes Redocly’s recommended rules with no error and no warning', async () => {
    const file = path.join(folder, 'openapi.json');
    await writeFile(file, JSON.stringify(document));
    const redocly = path.resolve('node_modules/.bin/redocly');
    const { stdout } = await run(
      redocly,
      ['lint', file, '--format=json', '--config', path.resolve('redocly.yaml')],
      {
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      },
    ).catch((error: { stdout: string }) => error);
    const report = JSON.parse(stdout) as {
      totals: { errors: number; warnings: number };
      problems: { ruleId: string; location: { pointer: string }[] }[];
    };
    expect(report.problems.map((p) => `${p.ruleId} at ${p.location[0]?.pointer}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 60_000);
});
