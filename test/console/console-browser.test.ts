import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { chromiumPresent, openBrowserPage } from '../helpers/browser-page';
import { startHttpServer, type RunningHttpServer } from '../../src/http/start-http-server';
import { testOutputFile } from '../helpers/test-output';
import { consoleApp } from './console-app';
import { createConsoleFixture, NOW, OPERATOR, type ConsoleFixture } from './console-fixture';

/**
 * Every run keeps its screenshot as an artefact in data/test-output; the README's copy in docs/ is replaced only on
 * request (UPDATE_SCREENSHOTS=1), since the seeded ids differ from run to run and would dirty the checkout.
 */
const SCREENSHOT = testOutputFile('console.png');
const README_SCREENSHOT = path.resolve(__dirname, '..', '..', 'docs', 'console.png');

/** More call legs over the last three hours, so the chart has a shape (the fixture has a handful). */
async function busierHours(f: ConsoleFixture): Promise<void> {
  const legs = Array.from({ length: 178 }, (_, minutesAgo) =>
    // A slow wave of 1 to 5 calls a minute.
    Array.from({ length: Math.round(3 + 2 * Math.sin(minutesAgo / 15)) }, (_, k) => ({
      id: `busy-${minutesAgo}-${k}`,
      direction: 'inbound' as const,
      started_at: new Date(NOW.getTime() - minutesAgo * 60_000 - k * 1000).toISOString(),
    })),
  ).flat();
  await f.deps.db.batchInsert('call_legs', legs, 100);
}

describe('console in a real browser @browser (chromium through playwright-core)', function () {
  this.timeout(60_000);
  let f: ConsoleFixture;
  let server: RunningHttpServer;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  before(async function () {
    if (!chromiumPresent()) this.skip();
    f = await createConsoleFixture();
    await busierHours(f);
    server = await startHttpServer(consoleApp(f), '127.0.0.1', 0);
    ({ browser, page, problems } = await openBrowserPage({ width: 1280, height: 900 }));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await f?.deps.db.destroy();
  });

  it('when an operator logs in, then every block and the chart are drawn, and "query now" settles a payment', async () => {
    const base = `http://127.0.0.1:${server.address.port}`;
    await page.goto(`${base}/console`);
    expect(new URL(page.url()).pathname).to.equal('/console/login');
    await page.fill('input[name="name"]', OPERATOR.name);
    await page.fill('input[name="password"]', OPERATOR.password);
    await Promise.all([page.waitForURL(`${base}/console`), page.click('button[type="submit"]')]);

    const chart = page.locator('#chart canvas');
    await chart.waitFor({ state: 'visible' });
    const box = await chart.boundingBox();
    expect(box?.width).to.be.greaterThan(300);
    expect(box?.height).to.be.greaterThan(100);
    expect(await page.locator('#chart-status').count(), 'the loading note is removed once drawn').to.equal(0);
    expect(await page.locator('#today .rate').textContent()).to.equal('50.0 %');
    expect(await page.locator('#calls tbody tr').count()).to.equal(2);
    expect(await page.locator('#calls').textContent()).to.include('card');
    expect(await page.locator('#lines .big').textContent()).to.include('10');
    expect(await page.locator('#unresolved tbody tr').count()).to.equal(2);

    f.answers.set(f.attempts.unknown, { outcome: 'approved', acquirerRef: 'Q42', responseCode: '00' });
    const row = page.locator('#unresolved tbody tr', { hasText: f.attempts.unknown });
    await Promise.all([page.waitForURL(`${base}/console#unresolved`), row.getByRole('button', { name: 'Query now' }).click()]);
    expect(await page.locator('#flash').textContent()).to.equal(
      `${f.attempts.unknown}: the acquirer says approved; the payment is now approved.`,
    );
    expect(await page.locator('#unresolved tbody tr').count()).to.equal(1);
    await page.locator('#chart canvas').waitFor({ state: 'visible' });

    expect(await page.content()).not.to.include('621626');
    expect(problems).to.deep.equal([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    if (process.env.UPDATE_SCREENSHOTS === '1') fs.copyFileSync(SCREENSHOT, README_SCREENSHOT);
    expect(fs.statSync(SCREENSHOT).size).to.be.greaterThan(10_000);
  });
});
