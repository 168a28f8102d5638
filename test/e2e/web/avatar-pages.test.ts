import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import sharp from 'sharp';
import { bootAvatarWorld, type AvatarWorld } from '../../support/avatars/avatar-api.ts';
import { photoJpeg } from '../../support/avatars/image-corpus.ts';
import { freePort } from '../../support/identity-api.ts';
import { launchChromium } from '../../support/chromium.ts';

const SCREENSHOTS = process.env.ROOKERY_SCREENSHOTS; // a folder, to look at the pages

/** The few browser globals the in-page functions below use (the test project has no DOM types). */
interface InPage {
  document: {
    getElementById(id: string): { textContent: string | null; value: number } | null;
    querySelectorAll(selector: string): { length: number };
  };
  DataTransfer: new () => { items: { add(file: unknown): void } };
  File: new (parts: unknown[], name: string, options: { type: string }) => unknown;
  MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void };
  atob(base64: string): string;
  progressSeen: string[];
}
interface InPageImage {
  complete: boolean;
  naturalWidth: number;
  naturalHeight: number;
}

describe('avatar upload page and gallery in Chromium', () => {
  let world: AvatarWorld;
  let base: string;
  let browser: Browser;
  let user: { id: string; token: string };
  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    world = await bootAvatarWorld('embedded', { env: { PORT: String(port), PUBLIC_URL: base } });
    user = await world.signUp();
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await world?.stop();
  });

  /** A page signed in the way the web app signs in: the session JSON in sessionStorage. */
  async function signedInPage(): Promise<{ page: Page; context: BrowserContext; problems: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1000, height: 760 } });
    const session = {
      access_token: user.token,
      refresh_token: 'unused-in-this-test',
      expires_at: Date.now() + 600_000,
    };
    await context.addInitScript(
      (value) => sessionStorage.setItem('rookery.session', value),
      JSON.stringify(session),
    );
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on(
      'console',
      (m) => m.type() === 'error' && !m.location().url.endsWith('/favicon.ico') && problems.push(m.text()),
    );
    page.on(
      'response',
      (r) =>
        r.status() >= 400 && !r.url().endsWith('/favicon.ico') && problems.push(`${r.status()} ${r.url()}`),
    );
    return { page, context, problems };
  }
  const shot = async (page: Page, name: string) => {
    if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
  };
  /** Drops files on the drop zone the way a browser does (a drop event carrying a DataTransfer). */
  async function drop(page: Page, files: { name: string; type: string; bytes: Buffer }[]): Promise<void> {
    const transfer = await page.evaluateHandle(
      (list) => {
        const w = globalThis as unknown as InPage;
        const data = new w.DataTransfer();
        for (const f of list) {
          const bytes = Uint8Array.from(w.atob(f.base64), (c) => c.charCodeAt(0));
          data.items.add(new w.File([bytes], f.name, { type: f.type }));
        }
        return data;
      },
      files.map((f) => ({ name: f.name, type: f.type, base64: f.bytes.toString('base64') })),
    );
    await page.dispatchEvent('#drop-zone', 'dragenter', { dataTransfer: transfer });
    expect(await page.getAttribute('#drop-zone', 'class')).toContain('dragging');
    await page.dispatchEvent('#drop-zone', 'drop', { dataTransfer: transfer });
  }

  it('uploads a dropped image with a preview and a progress bar, then the gallery shows its 100x100 thumbnail', async () => {
    const { page, context, problems } = await signedInPage();
    const photo = await photoJpeg(1600, 1250);
    await page.goto(`${base}/web/upload`);
    await shot(page, 'avatar-upload-empty');

    await drop(page, [{ name: 'portrait.jpg', type: 'image/jpeg', bytes: photo }]);
    await page.waitForSelector('#preview:visible');
    expect(await page.getAttribute('#preview', 'src')).toMatch(/^data:image\/jpeg;base64,/);
    expect(await page.textContent('#file-info')).toBe(
      `portrait.jpg · JPEG · ${(photo.length / 1024 / 1024).toFixed(1)} MB`,
    );
    expect(await page.isEnabled('#upload-button')).toBe(true);
    await shot(page, 'avatar-upload-preview');

    // Slow the upload down so that the progress bar has something to show.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: -1,
      uploadThroughput: 1024 * 1024,
    });
    await page.evaluate(() => {
      const w = globalThis as unknown as InPage;
      const text = w.document.getElementById('progress-text')!;
      w.progressSeen = [];
      new w.MutationObserver(() => w.progressSeen.push(text.textContent!)).observe(text, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
    await page.click('#upload-button');
    await page.waitForFunction(() => {
      const value = Number((globalThis as unknown as InPage).document.getElementById('progress')!.value);
      return value > 0 && value < 100;
    });
    await shot(page, 'avatar-upload-progress');
    await page.waitForSelector('#done:visible', { timeout: 20_000 });
    await shot(page, 'avatar-upload-done');
    const seen = await page.evaluate(() => (globalThis as unknown as InPage).progressSeen);
    const percents = seen.map((s) => Number.parseInt(s, 10));
    expect(percents.some((p) => p > 0 && p < 100)).toBe(true);
    expect(percents.at(-1)).toBe(100);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });

    await Promise.all([page.waitForURL(`${base}/web/gallery/${user.id}`), page.click('#gallery-link')]);
    const thumbnail = await page.waitForSelector('.avatar-card[data-status="ready"] img', {
      timeout: 20_000,
    });
    await page.waitForFunction(
      (img) => (img as unknown as InPageImage).complete && (img as unknown as InPageImage).naturalWidth > 0,
      thumbnail,
    );
    expect(await thumbnail.getAttribute('src')).toMatch(/^\/api\/v1\/avatars\/[0-9a-f-]{36}\?size=100x100$/);
    expect(
      await thumbnail.evaluate((img) => [
        (img as unknown as InPageImage).naturalWidth,
        (img as unknown as InPageImage).naturalHeight,
      ]),
    ).toEqual([100, 100]);
    expect(await page.textContent('.avatar-card .name')).toBe('portrait.jpg');
    expect(await page.textContent('#title')).toBe('Your avatars');
    await shot(page, 'avatar-gallery');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('explains, before uploading anything, why a file of the wrong type or size is refused', async () => {
    const { page, context, problems } = await signedInPage();
    await page.goto(`${base}/web/upload`);
    const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#f00' } })
      .gif()
      .toBuffer();

    await drop(page, [{ name: 'party.gif', type: 'image/gif', bytes: gif }]);
    await page.waitForSelector('#error:visible');
    expect(await page.textContent('#error')).toBe(
      '"party.gif" is not a JPEG, PNG or WebP image, the only formats accepted.',
    );
    expect(await page.isDisabled('#upload-button')).toBe(true);
    await shot(page, 'avatar-upload-wrong-type');

    const tooBig = Buffer.alloc(11 * 1024 * 1024, 1);
    tooBig.set([0xff, 0xd8, 0xff]);
    await drop(page, [{ name: 'huge.jpg', type: 'image/jpeg', bytes: tooBig }]);
    await page.waitForFunction(() =>
      (globalThis as unknown as InPage).document.getElementById('error')!.textContent!.includes('10 MB'),
    );
    expect(await page.textContent('#error')).toBe(
      'This file is 11.0 MB; the limit is 10 MB. Choose a smaller image.',
    );
    expect(await page.isDisabled('#upload-button')).toBe(true);
    await shot(page, 'avatar-upload-too-large');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows the server’s explanation when the server refuses the image', async () => {
    const { page, context, problems } = await signedInPage();
    await page.goto(`${base}/web/upload`);
    const jpeg = await photoJpeg(64, 64);
    await drop(page, [{ name: 'cut.jpg', type: 'image/jpeg', bytes: jpeg.subarray(0, jpeg.length - 40) }]);
    await page.waitForSelector('#preview:visible');
    await page.click('#upload-button');
    await page.waitForSelector('#error:visible');
    expect(await page.textContent('#error')).toBe('The image is truncated.');
    expect(problems).toEqual([
      expect.stringMatching(/^400 .*\/api\/v1\/avatars$/),
      expect.stringMatching(/400/),
    ]);
    await context.close();
  });

  it('shows other users the gallery without delete buttons, and lets the owner delete', async () => {
    const stranger = await world.signUp();
    const other = await browser.newContext();
    await other.addInitScript(
      (value) => sessionStorage.setItem('rookery.session', value),
      JSON.stringify({ access_token: stranger.token, refresh_token: 'x', expires_at: Date.now() + 600_000 }),
    );
    const strangerPage = await other.newPage();
    await strangerPage.goto(`${base}/web/gallery/${user.id}`);
    await strangerPage.waitForSelector('.avatar-card img');
    expect(await strangerPage.$$('.avatar-card button')).toEqual([]);
    expect(await strangerPage.textContent('#title')).toBe('Avatars');
    await other.close();

    const { page, context, problems } = await signedInPage();
    await page.goto(`${base}/web/gallery/${user.id}`);
    await page.waitForSelector('.avatar-card button.danger');
    const cards = (await page.$$('.avatar-card')).length;
    await page.click('.avatar-card button.danger');
    expect(await page.textContent('.avatar-card button.danger')).toBe('Really delete?');
    await page.click('.avatar-card button.danger');
    await page.waitForFunction(
      (n) => (globalThis as unknown as InPage).document.querySelectorAll('.avatar-card').length === n - 1,
      cards,
    );
    if (cards === 1) await page.waitForSelector('#empty:visible');
    expect((await fetch(`${base}/api/v1/users/${user.id}/avatar`)).status).toBe(404);
    expect(problems).toEqual([]);
    await context.close();
  });
});
