import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import type {
  VerificationMailContent,
  VerificationMailRenderer,
} from '#application/identity/verification-mail-renderer.ts';

const template = (name: string) => readFileSync(new URL(`./templates/${name}`, import.meta.url), 'utf8');

/** The verification mail, from Handlebars templates escaped as the digest's are (see `HandlebarsDigestRenderer`). */
export class HandlebarsVerificationMailRenderer implements VerificationMailRenderer {
  private readonly html: Handlebars.TemplateDelegate;
  private readonly text: Handlebars.TemplateDelegate;

  constructor() {
    const handlebars = Handlebars.create();
    const options = { strict: true, knownHelpersOnly: true };
    this.html = handlebars.compile(template('verify-email.html.hbs'), options);
    this.text = handlebars.compile(template('verify-email.text.hbs'), { ...options, noEscape: true });
  }

  render(input: { handle: string; link: string; expiresAt: Date }): VerificationMailContent {
    const context = { ...input, expires: input.expiresAt.toISOString().slice(0, 16).replace('T', ' ') };
    return {
      subject: 'Confirm your e-mail address for Rookery',
      html: this.html(context),
      text: this.text(context),
    };
  }
}
