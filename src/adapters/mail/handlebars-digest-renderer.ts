import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import type { DigestRenderer, RenderedMail } from '#application/digest/digest-renderer.ts';
import type { DailyDigestPayload } from '#domain/digest/daily-digest.ts';

const template = (name: string) => readFileSync(new URL(`./templates/${name}`, import.meta.url), 'utf8');

/**
 * Renders the digest from Handlebars templates. The HTML body uses `{{…}}` only, which
 * HTML-escapes every value (titles, posts and names are user content); the templates
 * never use the unescaped `{{{…}}}`. The text body is not HTML, so it is compiled
 * without escaping. An isolated Handlebars environment: no helper or partial registered
 * elsewhere in the process can change what the templates do.
 */
export class HandlebarsDigestRenderer implements DigestRenderer {
  private readonly html: Handlebars.TemplateDelegate;
  private readonly text: Handlebars.TemplateDelegate;

  constructor() {
    const handlebars = Handlebars.create();
    handlebars.registerHelper('plural', (count: number, one: string, many: string) =>
      count === 1 ? one : many,
    );
    const options = { strict: true, knownHelpers: { plural: true }, knownHelpersOnly: true };
    this.html = handlebars.compile(template('daily-digest.html.hbs'), options);
    this.text = handlebars.compile(template('daily-digest.text.hbs'), { ...options, noEscape: true });
  }

  render(digest: DailyDigestPayload, links: { unsubscribe: string; app: string }): RenderedMail {
    const context = {
      digest,
      links,
      day: formatDay(digest.digest_date),
      moreOpen: Math.max(0, digest.stats.undone - digest.undone_titles.length),
    };
    const open = digest.stats.undone;
    return {
      // Numbers only: no user content in a header.
      subject: `Your Rookery digest: ${open} open ${open === 1 ? 'task' : 'tasks'}`,
      html: this.html(context),
      text: this.text(context),
    };
  }
}

// Built once: constructing an Intl formatter costs more than rendering a whole digest.
const dayFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

function formatDay(date: string): string {
  return dayFormat.format(new Date(`${date}T00:00:00Z`));
}
