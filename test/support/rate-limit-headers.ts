import { parseList } from 'structured-headers';

export interface AdvertisedQuota {
  quota?: number;
  window?: number;
  remaining?: number;
  reset?: number;
}

/** Reads one policy out of an answer's `RateLimit-Policy` and `RateLimit` structured fields. */
export function advertisedQuota(headers: Headers, policy: string): AdvertisedQuota {
  const item = (field: string) => {
    const found = parseList(headers.get(field) ?? '').find(([name]) => name === policy);
    return (found?.[1] ?? new Map()) as Map<string, number>;
  };
  const policyParams = item('RateLimit-Policy');
  const state = item('RateLimit');
  return {
    quota: policyParams.get('q'),
    window: policyParams.get('w'),
    remaining: state.get('r'),
    reset: state.get('t'),
  };
}
