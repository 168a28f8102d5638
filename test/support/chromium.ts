import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's headless Chromium (`apt-get install chromium`; `CHROMIUM_PATH` to use another),
 * with everything that would reach the network on its own switched off: tests here must
 * not download or phone home.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
