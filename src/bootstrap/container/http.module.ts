import { readFileSync } from 'node:fs';
import { ContainerModule } from 'inversify';
import type Router from '@koa/router';
import { ApiDocs } from '#adapters/http/openapi/api-docs.ts';
import { apiDocsRouter } from '#adapters/http/openapi/api-docs.router.ts';
import type { Infrastructure } from '../infrastructure.ts';
import { Tokens } from './tokens.ts';

const { version } = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/** What every router shares: the OpenAPI description they register their paths in. */
export const httpModule = (infra: Infrastructure) =>
  new ContainerModule(({ bind }) => {
    const docs = new ApiDocs();
    bind(Tokens.ApiDocs).toConstantValue(docs);
    bind<Router>(Tokens.ApiRouters).toConstantValue(
      apiDocsRouter(docs, { version, serverUrl: infra.config.http.publicUrl }),
    );
  });
