import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/**
 * The keys that sign and verify access tokens: every `<kid>.pem` (a PKCS#8 EC P-256
 * private key) in one folder — a mounted Kubernetes Secret in production. All of them
 * verify (so tokens signed before a rotation stay valid until they expire); one signs:
 * `signingKeyId` when given, else the newest file.
 */
export class KeyRing {
  readonly keys: readonly SigningKey[];
  readonly signing: SigningKey;

  private constructor(keys: SigningKey[], signing: SigningKey) {
    this.keys = keys;
    this.signing = signing;
  }

  static async load(
    directory: string,
    options: { signingKeyId?: string | undefined; generateIfEmpty: boolean },
  ) {
    await mkdir(directory, { recursive: true, mode: 0o700 });
    let files = (await readdir(directory)).filter((f) => f.endsWith('.pem'));
    if (files.length === 0) {
      if (!options.generateIfEmpty) {
        throw new Error(
          `No signing keys in ${directory}. Generate one with \`rookery keys:generate\` and share the folder between replicas.`,
        );
      }
      await generateKey(directory);
      files = (await readdir(directory)).filter((f) => f.endsWith('.pem'));
    }
    const loaded = await Promise.all(
      files.map(async (file) => {
        const full = path.join(directory, file);
        const privateKey = createPrivateKey(await readFile(full, 'utf8'));
        if (
          privateKey.asymmetricKeyType !== 'ec' ||
          privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1'
        ) {
          throw new Error(`${full} is not an EC P-256 private key (ES256)`);
        }
        return {
          key: { kid: file.slice(0, -'.pem'.length), privateKey, publicKey: createPublicKey(privateKey) },
          mtime: (await stat(full)).mtimeMs,
        };
      }),
    );
    loaded.sort((a, b) => a.mtime - b.mtime || a.key.kid.localeCompare(b.key.kid));
    const keys = loaded.map((l) => l.key);
    const signing = options.signingKeyId ? keys.find((k) => k.kid === options.signingKeyId) : keys.at(-1);
    if (!signing)
      throw new Error(`JWT_SIGNING_KEY_ID "${options.signingKeyId}" names no key in ${directory}`);
    return new KeyRing(keys, signing);
  }

  byKid(kid: string): SigningKey | undefined {
    return this.keys.find((k) => k.kid === kid);
  }

  /** The public halves, as published at /.well-known/jwks.json. */
  jwks(): { keys: (JsonWebKey & { kid: string; use: string; alg: string })[] } {
    return {
      keys: this.keys.map((k) => ({
        ...k.publicKey.export({ format: 'jwk' }),
        kid: k.kid,
        use: 'sig',
        alg: 'ES256',
      })),
    };
  }
}

/** Writes a new P-256 key named by the current date; returns its id. */
export async function generateKey(directory: string): Promise<string> {
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const kid = `${new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '')}-${Math.random().toString(36).slice(2, 6)}`;
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  await writeFile(path.join(directory, `${kid}.pem`), privateKey.export({ format: 'pem', type: 'pkcs8' }), {
    mode: 0o600,
    flag: 'wx',
  });
  return kid;
}
