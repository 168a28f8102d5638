import { type DomainError, type ErrorKind } from '#domain/shared/domain-error.ts';

/** RFC 9457 problem details, with Rookery's machine `code` and safe extension members. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  [extension: string]: unknown;
}

const statusByKind: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported: 415,
  rate_limited: 429,
  unavailable: 503,
};

/** Codes whose status differs from their kind's (kept here: the one code → status table). */
const statusByCode: Record<string, number> = {
  'idempotency.key_reused': 422,
  'request.unprocessable': 422,
};

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
};

export function problem(
  status: number,
  code: string,
  detail: string,
  extensions: Record<string, unknown> = {},
): Problem {
  return {
    ...extensions,
    type: `urn:rookery:problem:${code}`,
    title: titles[status] ?? 'Error',
    status,
    detail,
    code,
  };
}

export function problemFromDomainError(error: DomainError): Problem {
  const status = statusByCode[error.code] ?? statusByKind[error.kind];
  return problem(status, error.code, error.message, { ...error.details });
}
