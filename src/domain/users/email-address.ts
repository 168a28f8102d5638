import { DomainError } from '../shared/domain-error.ts';

const MAX_LENGTH = 254;
// Deliberately simple: one @, no spaces, a dot in the domain. Deliverability is proven
// by the mail itself, not by a regex.
const SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;

export class InvalidEmailAddress extends DomainError {
  constructor() {
    super('user.email_invalid', 'invalid', 'The e-mail address is not valid.', { max_length: MAX_LENGTH });
  }
}

/** An e-mail address normalised (trimmed, lower-cased) so that uniqueness means one mailbox. */
export class EmailAddress {
  readonly value: string;

  private constructor(value: string) {
    this.value = value;
  }

  static parse(raw: string): EmailAddress {
    const value = raw.trim().normalize('NFC').toLowerCase();
    if (value.length > MAX_LENGTH || !SHAPE.test(value)) throw new InvalidEmailAddress();
    return new EmailAddress(value);
  }

  equals(other: EmailAddress): boolean {
    return this.value === other.value;
  }

  toString(): string {
    return this.value;
  }
}
