import { describe, expect, it } from '@jest/globals';
import { HandlebarsDigestRenderer } from '#adapters/mail/handlebars-digest-renderer.ts';
import { composeDailyDigest, noActivity } from '#domain/digest/daily-digest.ts';
import { DigestDate } from '#domain/digest/digest-date.ts';

const renderer = new HandlebarsDigestRenderer();
const links = {
  unsubscribe: 'https://rookery.test/api/v1/digest/unsubscribe?token=u.k.s',
  app: 'https://rookery.test',
};
const hostile = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';

const digest = (overrides: { titles?: string[]; name?: string; total?: number; done?: number } = {}) =>
  composeDailyDigest(
    {
      userId: '00000000-0000-7000-8000-0000000000aa',
      email: 'ada@example.com',
      displayName: overrides.name ?? 'Ada',
    },
    DigestDate.parse('2026-11-23'),
    {
      total: overrides.total ?? 3,
      done: overrides.done ?? 1,
      undoneTitles: overrides.titles ?? ['Water the plants', 'Call Grace'],
    },
    {
      ...noActivity,
      newPosts: 1,
      highlights: [
        {
          postId: '00000000-0000-7000-8000-0000000000cc',
          authorHandle: 'grace',
          text: `Nice ${hostile}`,
          likeCount: 1,
        },
      ],
      likesReceived: 2,
      newFollowers: 1,
      followerHandles: ['linus'],
    },
  );

describe('HandlebarsDigestRenderer', () => {
  it('renders the figures, the open titles and the activity into both bodies', () => {
    const mail = renderer.render(digest(), links);
    expect(mail.subject).toBe('Your Rookery digest: 2 open tasks');
    for (const body of [mail.html, mail.text]) {
      expect(body).toContain('Monday, 23 November 2026');
      expect(body).toContain('Water the plants');
      expect(body).toContain('Call Grace');
      expect(body).toContain('1 new post from people you follow');
      expect(body).toContain('2 likes on your posts');
      expect(body).toContain('1 new follower: @linus');
    }
    expect(mail.text).toMatch(/2 open · 1 done · 3 in total/);
  });

  it('escapes user content in the HTML body: names, titles and posts can never add markup', () => {
    const mail = renderer.render(digest({ name: `Ada ${hostile}`, titles: [hostile] }), links);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<img src=x');
    expect(mail.html).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;',
    );
    expect(mail.html.match(/<script/g)).toBeNull();
  });

  it('keeps user content verbatim in the plain-text body, where there is no markup to escape', () => {
    const mail = renderer.render(digest({ titles: [hostile] }), links);
    expect(mail.text).toContain(`- ${hostile}`);
    expect(mail.text).not.toContain('&lt;');
  });

  it('links the one-click unsubscribe page from both bodies', () => {
    const mail = renderer.render(digest(), links);
    expect(mail.html).toContain('href="https://rookery.test/api/v1/digest/unsubscribe?token&#x3D;u.k.s"');
    expect(mail.text).toContain(`Unsubscribe with one click: ${links.unsubscribe}`);
  });

  it('says how many open tasks it does not list', () => {
    const titles = Array.from({ length: 10 }, (_, i) => `t${i}`);
    const mail = renderer.render(digest({ total: 14, done: 0, titles }), links);
    expect(mail.text).toContain('… and 4 more.');
    expect(mail.html).toContain('… and 4 more.');
    expect(mail.subject).toBe('Your Rookery digest: 14 open tasks');
  });

  it('congratulates a user with nothing open', () => {
    const mail = renderer.render(digest({ total: 2, done: 2, titles: [] }), links);
    expect(mail.text).toContain('Nothing open. Well done!');
    expect(mail.subject).toBe('Your Rookery digest: 0 open tasks');
  });
});
