import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import express from 'express';
import type { Browser, Page } from 'playwright-core';
import { chromiumPresent, openBrowserPage } from '../helpers/browser-page';
import { TEST_CVN2, TEST_PIN } from '../../sandbox-acquirer/test-cards';
import { maskPan } from '../../src/domain/mask';
import { startHttpServer, type RunningHttpServer } from '../../src/http/start-http-server';
import { cardDataIn } from '../helpers/card-data-needles';
import { DEBIT } from '../helpers/test-cards';
import { testOutputFile } from '../helpers/test-output';
import { AMY, createAgentFixture, type AgentFixture } from './agent-fixture';

/** Kept as an artefact on every run; the README's copy in docs/ is replaced only on request (UPDATE_SCREENSHOTS=1). */
const SCREENSHOT = testOutputFile('agent-page.png');
const README_SCREENSHOT = path.resolve(__dirname, '..', '..', 'docs', 'agent-page.png');

type Chunk = string | Uint8Array;

/**
 * Every byte of every response body the browser is sent (pages, scripts, styles, the event stream), by URL: an
 * outer app around the one under test copies what is written.
 */
function recording(app: express.Application) {
  const sent: { url: string; text: string }[] = [];
  const outer = express();
  outer.use((req, res, next) => {
    const copy = (chunk: unknown) => {
      if (typeof chunk === 'string' || chunk instanceof Uint8Array)
        sent.push({ url: req.originalUrl, text: Buffer.from(chunk).toString('latin1') });
    };
    const write = res.write.bind(res) as (chunk: Chunk, ...rest: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => express.Response;
    res.write = ((chunk: Chunk, ...rest: unknown[]) => {
      copy(chunk);
      return write(chunk, ...rest);
    }) as typeof res.write;
    res.end = ((...args: unknown[]) => {
      copy(args[0]);
      return end(...args);
    }) as typeof res.end;
    next();
  });
  outer.use(app);
  return { outer, sent };
}

describe('agent page in a real browser @browser (chromium through playwright-core)', function () {
  this.timeout(60_000);
  let f: AgentFixture;
  let server: RunningHttpServer;
  let browser: Browser;
  let page: Page;
  let sent: { url: string; text: string }[];
  let problems: string[];

  before(async function () {
    if (!chromiumPresent()) this.skip();
    f = await createAgentFixture();
    const recorded = recording(f.app);
    sent = recorded.sent;
    server = await startHttpServer(recorded.outer, '127.0.0.1', 0);
    ({ browser, page, problems } = await openBrowserPage({ width: 1100, height: 760 }));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await f?.deps.db.destroy();
  });

  it('when an agent starts a capture, then the masked progress arrives live, "ask again" works, and "paid" is shown; no card data is ever sent', async () => {
    const base = `http://127.0.0.1:${server.address.port}`;
    const row = (field: string) => page.locator(`#call-call-amy tr[data-field="${field}"]`);
    const textOf = async (selector: string) => (await page.locator(selector).textContent())?.trim();
    /** Waits for the page's live stream to be the only one subscribed (the previous page's has closed). */
    const streaming = async () => {
      for (let i = 0; i < 200 && !(f.desk.subscribers === 1 && sent.some((s) => s.url === '/agent/events')); i++) {
        await new Promise((r) => setTimeout(r, 25));
      }
    };

    await page.goto(`${base}/agent`);
    expect(new URL(page.url()).pathname).to.equal('/agent/login');
    await page.fill('input[name="name"]', AMY.name);
    await page.fill('input[name="password"]', AMY.password);
    await Promise.all([page.waitForURL(`${base}/agent`), page.click('button[type="submit"]')]);

    expect(await page.locator('section.call').first().getAttribute('id')).to.equal('call-call-amy');
    expect(await textOf('#call-call-amy h2'))
      .to.include('138****5678')
      .and.include('extension 201 (yours)');
    expect(await page.locator('#call-call-globex').count()).to.equal(0);
    expect(await page.locator('#call-call-amy [data-role="capture"]').isVisible()).to.equal(false);

    await page.fill('#call-call-amy input[name="orderId"]', 'ord_acme1');
    await Promise.all([
      page.waitForURL(`${base}/agent#call-call-amy`),
      page.click('#call-call-amy button:has-text("Start capture")'),
    ]);
    await streaming();
    expect(await textOf('#call-call-amy [data-role="order"]')).to.equal('ord_acme1');
    expect(await page.locator('#call-call-amy [data-role="start"]').isVisible()).to.equal(false);

    for (let n = 1; n <= 7; n++) f.desk.progress('call-amy', { field: 'card', state: 'asking', digitCount: n });
    await row('card').locator('.value', { hasText: '7 digits' }).waitFor();
    for (let n = 8; n <= DEBIT.length; n++) f.desk.progress('call-amy', { field: 'card', state: 'asking', digitCount: n });
    f.desk.progress('call-amy', { field: 'card', state: 'valid', masked: maskPan(DEBIT), bank: 'Ping An Bank' });
    await row('card')
      .locator('.value', { hasText: `${maskPan(DEBIT)} · Ping An Bank` })
      .waitFor();
    expect(await row('card').locator('.check').textContent()).to.equal('valid');

    f.desk.progress('call-amy', { field: 'pin', state: 'asking' });
    await row('pin').locator('.check', { hasText: 'asking' }).waitFor();
    f.desk.progress('call-amy', { field: 'pin', state: 'entered' });
    await row('pin').locator('.value', { hasText: 'entered' }).waitFor();
    expect(await row('pin').locator('.value').textContent(), 'never a count of PIN digits').to.equal('entered');

    // The script built this form from the page's template: it carries the session's token.
    await Promise.all([
      page.waitForURL(`${base}/agent#call-call-amy`),
      row('pin').getByRole('button', { name: 'Ask again' }).click(),
    ]);
    expect(f.desk.asked).to.deep.equal([{ callId: 'call-amy', field: 'pin' }]);
    expect(await page.locator('#flash').count(), 'no error shown').to.equal(0);
    await streaming();
    f.desk.progress('call-amy', { field: 'pin', state: 'valid' });
    f.desk.progress('call-amy', { field: 'mobile', state: 'asking' });
    f.desk.progress('call-amy', { field: 'mobile', state: 'valid' });
    await row('mobile').locator('.check', { hasText: 'valid' }).waitFor();
    // The README's picture: a capture under way, each field's progress and its "ask again".
    await page.screenshot({ path: SCREENSHOT });
    if (process.env.UPDATE_SCREENSHOTS === '1') fs.copyFileSync(SCREENSHOT, README_SCREENSHOT);
    expect(fs.statSync(SCREENSHOT).size).to.be.greaterThan(10_000);
    f.desk.finish('call-amy', 'submitting');
    await page.locator('#call-call-amy [data-role="state"]', { hasText: 'Submitting the payment' }).waitFor();
    expect(await page.locator('#call-call-amy [data-role="cancel"]').isVisible()).to.equal(false);
    f.desk.finish('call-amy', 'paid', 'approved');
    const result = page.locator('#call-call-amy [data-role="result"]');
    await result.waitFor({ state: 'visible' });
    expect(await result.textContent()).to.equal('Paid');
    expect(await page.locator('#call-call-amy [data-role="start"]').isVisible(), 'another capture may start').to.equal(true);

    f.desk.call('call-new', f.acme, '202');
    await page.locator('#new-calls').waitFor({ state: 'visible' });

    expect(problems).to.deep.equal([]);

    // Every byte the browser was sent, and the page as it stands: no card number, PIN or CVN2 (tokens aside,
    // whose random letters and digits could spell a short number).
    const stream = sent
      .filter((s) => s.url === '/agent/events')
      .map((s) => s.text)
      .join('');
    expect(stream).to.include('event: call').and.include(maskPan(DEBIT));
    const everything = [...sent.map((s) => s.text), await page.content()]
      .join('\n')
      .replace(/value="[\w-]{43}"/g, 'value="<token>"');
    expect(cardDataIn(everything)).to.deep.equal([]);
    expect(everything).not.to.include(DEBIT);
    expect(everything).not.to.match(new RegExp(`(?<![0-9])${TEST_PIN}(?![0-9])`));
    const shown = `${stream}\n${await page.locator('body').innerText()}`;
    expect(shown).not.to.match(new RegExp(`(?<![0-9])${TEST_CVN2}(?![0-9])`));
  });
});
