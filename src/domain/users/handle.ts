import { DomainError } from '../shared/domain-error.ts';

const SHAPE = /^[a-z0-9_]{3,30}$/;
// Room left for a `_xxxx` suffix when a suggested handle is taken.
const SUGGESTED_MAX = 24;
const RESERVED = new Set(['admin', 'root', 'me', 'api', 'web', 'support', 'rookery', 'system']);

export class InvalidHandle extends DomainError {
  constructor() {
    super('user.handle_invalid', 'invalid', 'A handle is 3–30 characters: letters, digits and underscores.', {
      pattern: SHAPE.source,
    });
  }
}

export class ReservedHandle extends DomainError {
  constructor(handle: string) {
    super('user.handle_reserved', 'conflict', `The handle "${handle}" is reserved.`);
  }
}

/** A public, unique, case-insensitive name (`@ada`), stored lower-cased. */
export class Handle {
  readonly value: string;

  private constructor(value: string) {
    this.value = value;
  }

  static parse(raw: string): Handle {
    const value = raw.trim().replace(/^@/, '').toLowerCase();
    if (!SHAPE.test(value)) throw new InvalidHandle();
    if (RESERVED.has(value)) throw new ReservedHandle(value);
    return new Handle(value);
  }

  toString(): string {
    return this.value;
  }

  /**
   * A valid handle made from something a person is called elsewhere (an SSO username,
   * an e-mail's local part, a name): accents dropped, other characters turned into
   * underscores, short ones padded, reserved ones suffixed. Uniqueness is the caller's job.
   */
  static suggest(raw: string): string {
    const base = raw
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, '_')
      .replace(/_+/g, '_')
      .replace(/^_|_$/g, '')
      .slice(0, SUGGESTED_MAX);
    const padded = base.length >= 3 ? base : `${base}${base ? '_' : ''}user`.slice(-SUGGESTED_MAX);
    return RESERVED.has(padded) ? `${padded}_1` : padded;
  }

  /** `base` with a disambiguating suffix (`ada_7f3c`), still within the length limit. */
  static withSuffix(base: string, suffix: string): string {
    return Handle.parse(`${base.slice(0, 30 - suffix.length - 1)}_${suffix}`).value;
  }
}
