import path from 'node:path';
import { expect } from 'chai';
import { loadOrCreateSandboxSecrets } from '../../src/config/sandbox-secrets';
import type { CallbackAttemptRow } from '../../src/store/callback-rows';
import { CALLBACK_ENV, maxOverlap, MINUTE, PHONE, waitFor } from '../helpers/callback-e2e';
import { newCallbackOrder, startE2e, type E2eHarness } from '../helpers/e2e-service';
import { defaultSandboxAsterisk, sandboxAsterisk, type SandboxAsterisk } from '../helpers/second-asterisk';
import { createTestClock, nextShanghaiHour, type TestClock } from '../helpers/test-clock';
import { findProjectRoot } from '../../src/config/project-root';

const CALLBACKS = 10;
const projectRoot = findProjectRoot();
/** Outbound lines per server: TRUNK_LINES 4, of which 1 is kept for inbound, at most 2 outbound. */
const LINES_PER_SERVER = 2;

/**
 * Issue 12's fault "one Asterisk server stopped mid-campaign": one node with two Asterisk servers (ARI_SERVERS), the
 * project's sandbox (A) and a second sandbox on the same chroot (B). A campaign of callbacks to the test phone that
 * answers and hangs up after 3 s runs on both; A is stopped while it has calls up. Its calls end as failed attempts
 * due again later (retried, never also settled), every later call goes to B within B's lines, and once A is started
 * again the redials use it again.
 */
describe('cluster: an Asterisk server stopped mid-campaign @e2e', function () {
  this.timeout(240_000);
  let h: E2eHarness | undefined;
  let b: SandboxAsterisk | undefined;
  let clock: TestClock;
  const a = defaultSandboxAsterisk(path.join(projectRoot, 'data'));

  before(async () => {
    const password = loadOrCreateSandboxSecrets(path.join(projectRoot, 'data')).ariPassword;
    b = sandboxAsterisk({
      dataDir: path.join(projectRoot, 'data', 'test-asterisk-b'),
      ariPort: 8089,
      sipPort: 5070,
      ariPassword: password,
    });
    await b.start();
    clock = createTestClock(nextShanghaiHour(10));
    h = await startE2e(
      'asterisk-server-down',
      {
        ...CALLBACK_ENV,
        ARI_SERVERS: `http://127.0.0.1:8088,${b.url}`,
        TRUNK_LINES: '4',
        CALLBACK_MAX_LINES: String(LINES_PER_SERVER),
        CALLBACK_RESERVED_INBOUND_LINES: '1',
      },
      { now: clock.now },
    );
  });
  after(async () => {
    await h?.stop();
    await b?.stop();
    // The suite's other tests expect the project's sandbox running as they left it.
    await a.start();
  });

  it('when server A stops with calls up, then they are retried later, the campaign goes on on B within its lines, and A is used again once back', async () => {
    const service = h!.service;
    const downAt: Record<string, number> = {};
    service.stasis.events.on('server-down', ({ server }: { server: string }) => (downAt[server] ??= clock.now().getTime()));
    const orders = [];
    for (let i = 0; i < CALLBACKS; i++) orders.push(await newCallbackOrder(h!, PHONE.answersThenHangsUp, 100));
    const ids = orders.map((o) => o.id);
    const attempts = () => service.db<CallbackAttemptRow>('callback_attempts').whereIn('order_id', ids).orderBy('started_at');

    await waitFor(
      'calls up on both servers',
      () => Promise.resolve(service.stasis.lines()),
      (lines) => lines.every((l) => l.outbound >= 1),
      30_000,
    );
    const [serverA, serverB] = service.stasis.lines().map((l) => l.server);
    const stoppedAt = clock.now().getTime();
    await a.stop();

    const firstRound = await waitFor(
      'one ended attempt for every callback',
      attempts,
      (rows) =>
        new Set(rows.filter((r) => r.ended_at).map((r) => r.order_id)).size === CALLBACKS && rows.every((r) => r.ended_at),
      90_000,
    );
    expect(downAt[serverA], 'A was seen going down').to.be.a('number');
    const onA = firstRound.filter((r) => r.asterisk_server === serverA);
    const cutOff = onA.filter((r) => Date.parse(r.ended_at!) >= stoppedAt);
    expect(cutOff.length, 'calls of A were up when it stopped').to.be.at.least(1);
    for (const r of cutOff) expect(r.outcome, 'a call cut off by the stop is a failed attempt').to.not.equal('dialing');
    const afterDown = firstRound.filter((r) => Date.parse(r.started_at) > downAt[serverA]);
    expect(afterDown.length, 'the campaign went on after the stop').to.be.at.least(1);
    expect(
      afterDown.every((r) => r.asterisk_server === serverB),
      'every call after the stop on B',
    ).to.equal(true);
    expect(maxOverlap(firstRound.filter((r) => r.asterisk_server === serverB)), "B's lines").to.be.at.most(LINES_PER_SERVER);
    expect(maxOverlap(onA), "A's lines").to.be.at.most(LINES_PER_SERVER);
    // Retried, not settled too: one attempt each so far, the cut-off ones due again later, none dialled again at once.
    const perOrder = new Map<string, number>();
    for (const r of firstRound) perOrder.set(r.order_id, (perOrder.get(r.order_id) ?? 0) + 1);
    expect(
      [...perOrder.values()].every((n) => n === 1),
      'one attempt per callback',
    ).to.equal(true);
    console.log(
      `      A stopped with ${cutOff.length} call(s) up (failed, due again later); ${afterDown.length} call(s) after it, all on B, ` +
        `at most ${maxOverlap(firstRound.filter((r) => r.asterisk_server === serverB))} at once on B`,
    );
    const states = await service.db('callbacks').whereIn('order_id', ids).select('state', 'next_call_at');
    expect(states.every((s: { state: string }) => s.state === 'scheduled')).to.equal(true);

    const up = new Promise((resolve) => service.stasis.events.once('server-up', resolve));
    await a.start();
    const backAt = Date.now();
    expect(await up).to.deep.equal({ server: serverA });
    clock.advance(3 * MINUTE);
    const redials = await waitFor(
      'redials on A once it is back',
      attempts,
      (rows) => rows.some((r) => r.asterisk_server === serverA && Date.parse(r.started_at) > stoppedAt + 2 * MINUTE),
      60_000,
    );
    expect(maxOverlap(redials.filter((r) => r.asterisk_server === serverA && r.ended_at))).to.be.at.most(LINES_PER_SERVER);
    console.log(`      A back: redials placed on it again ${(Date.now() - backAt) / 1000} s after its start`);
  });
});
