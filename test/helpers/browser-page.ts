import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium (`.ci/run` installs it); playwright-core downloads no browser of its own. */
const CHROMIUM = '/usr/bin/chromium';

export interface BrowserPage {
  browser: Browser;
  page: Page;
  /** Console errors and script errors: a CSP violation or a script error is a failure of the page. */
  problems: string[];
}

/** Whether the browser tests can run here; says why not when they cannot. */
export function chromiumPresent(): boolean {
  if (fs.existsSync(CHROMIUM)) return true;
  console.warn(`    skipped: ${CHROMIUM} is missing (apt-get install chromium; .ci/run installs it)`);
  return false;
}

/** A page in a new headless chromium, its problems collected; close `browser` after. */
export async function openBrowserPage(viewport: { width: number; height: number }): Promise<BrowserPage> {
  // As root (CI), Chromium's sandbox cannot start.
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport });
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  page.on('pageerror', (err) => problems.push(err.message));
  return { browser, page, problems };
}
