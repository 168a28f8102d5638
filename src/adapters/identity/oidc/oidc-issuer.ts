import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';

export interface IssuerMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  id_token_signing_alg_values_supported?: string[];
}

type Jwk = JsonWebKey & { kid?: string; use?: string; alg?: string };

const JWKS_REFRESH_MIN_INTERVAL_MS = 60_000;

/**
 * An OpenID provider as its discovery document describes it, and the keys it signs ID
 * tokens with. Both are fetched on first use and cached; the key set is fetched again
 * when a token names a key it does not hold (the provider rotated), at most once a minute
 * so that forged `kid`s cannot make Rookery hammer the provider.
 */
export class OidcIssuer {
  readonly url: string;
  private readonly fetchImpl: typeof fetch;
  private metadataPromise?: Promise<IssuerMetadata>;
  private keys = new Map<string, KeyObject>();
  private keysFetchedAt = 0;

  /** `url` exactly as the provider spells its issuer (some end with a slash, most do not). */
  constructor(url: string, fetchImpl: typeof fetch = fetch) {
    this.url = url;
    this.fetchImpl = fetchImpl;
  }

  metadata(): Promise<IssuerMetadata> {
    this.metadataPromise ??= this.discover().catch((error: unknown) => {
      this.metadataPromise = undefined; // try again on the next sign-in
      throw error;
    });
    return this.metadataPromise;
  }

  /** The provider's public key `kid` (or its only key when the token names none). */
  async key(kid: string | undefined): Promise<KeyObject | undefined> {
    const lookup = () =>
      kid ? this.keys.get(kid) : this.keys.size === 1 ? [...this.keys.values()][0] : undefined;
    if (!lookup() && Date.now() - this.keysFetchedAt >= JWKS_REFRESH_MIN_INTERVAL_MS) await this.fetchKeys();
    return lookup();
  }

  private async discover(): Promise<IssuerMetadata> {
    const metadata = await this.json<IssuerMetadata>(
      `${this.url.replace(/\/$/, '')}/.well-known/openid-configuration`,
    );
    // OpenID Connect Discovery §4.3: the document must name exactly the issuer asked for.
    if (metadata.issuer !== this.url) {
      throw new Error(`discovery at ${this.url} names another issuer (${metadata.issuer})`);
    }
    for (const field of ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const) {
      if (typeof metadata[field] !== 'string') throw new Error(`discovery at ${this.url} lacks ${field}`);
    }
    return metadata;
  }

  private async fetchKeys(): Promise<void> {
    this.keysFetchedAt = Date.now();
    const { jwks_uri } = await this.metadata();
    const { keys } = await this.json<{ keys: Jwk[] }>(jwks_uri);
    const loaded = new Map<string, KeyObject>();
    for (const [index, jwk] of (keys ?? []).entries()) {
      if (jwk.use && jwk.use !== 'sig') continue;
      try {
        loaded.set(jwk.kid ?? `#${index}`, createPublicKey({ key: jwk, format: 'jwk' }));
      } catch {
        // a key type Node cannot read is not one we could verify with anyway
      }
    }
    this.keys = loaded;
  }

  private async json<T>(url: string): Promise<T> {
    const response = await this.fetchImpl(url, {
      headers: { Accept: 'application/json' },
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    return (await response.json()) as T;
  }
}
