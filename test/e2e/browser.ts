import {chromium, type Browser} from 'playwright-core';
import {chromiumArgs, ensureChromium} from '../chromium.js';

/** Debian's Chromium, headless, driven by Playwright: the same browser the shoppers' phones run. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({executablePath: ensureChromium(), headless: true, args: chromiumArgs});
}
