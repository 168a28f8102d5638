/**
 * Generates the typed API client that test/e2e/http/generated-client.test.ts drives, from an
 * OpenAPI document (a file or a URL), with @hey-api/openapi-ts: the proof that the document is
 * usable by an integrator, not just valid. The test regenerates it and fails on any drift.
 *
 *   npm run generate:api-client -- http://localhost:3000/api/docs/openapi.json
 */
import { createClient } from '@hey-api/openapi-ts';

export const API_CLIENT_FOLDER = 'test/support/generated/rookery-client';

export async function generateApiClient(input: string, output = API_CLIENT_FOLDER): Promise<void> {
  await createClient({
    input,
    output: { path: output, importFileExtension: '.ts' },
    plugins: ['@hey-api/client-fetch', '@hey-api/sdk', '@hey-api/typescript'],
    logs: { level: 'silent' },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [input, output] = process.argv.slice(2);
  if (!input) throw new Error('usage: generate-api-client <openapi.json | URL> [output folder]');
  await generateApiClient(input, output);
}
