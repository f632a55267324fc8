import { expect } from 'chai';
import { createReadiness, type ReadinessCheck, type ReadinessReport } from '../../src/health/readiness';

const passing = (name: string): ReadinessCheck => ({ name, run: () => Promise.resolve({ ok: true }) });

function switchable(name: string, ok = true) {
  const state = { ok };
  const check: ReadinessCheck = { name, run: () => Promise.resolve({ ok: state.ok, detail: 'x' }) };
  return { check, state };
}

describe('health/readiness', () => {
  it('when every check is ok, then the report is ready with each check by name', async () => {
    const readiness = createReadiness({ checks: [passing('ari'), passing('store')], timeoutMs: 100 });
    expect(readiness.isReady()).to.equal(false);
    const report = await readiness.check();
    expect(report).to.deep.equal({ status: 'ready', checks: { ari: { ok: true }, store: { ok: true } } });
    expect(readiness.isReady()).to.equal(true);
  });

  it("when one check fails, then the report is not ready and keeps that check's details", async () => {
    const acquirer = switchable('acquirer', false);
    const readiness = createReadiness({ checks: [passing('ari'), acquirer.check], timeoutMs: 100 });
    const report = await readiness.check();
    expect(report.status).to.equal('not_ready');
    expect(report.checks.acquirer).to.deep.equal({ ok: false, detail: 'x' });
    expect(readiness.isReady()).to.equal(false);
  });

  it('when a check throws, then it is not ok with the error code only, never the message', async () => {
    const failing: ReadinessCheck = {
      name: 'store',
      run: () => Promise.reject(Object.assign(new Error('cannot open /secret/path/ivrpay.sqlite'), { code: 'SQLITE_READONLY' })),
    };
    const report = await createReadiness({ checks: [failing], timeoutMs: 100 }).check();
    expect(report.checks.store).to.deep.equal({ ok: false, error: 'SQLITE_READONLY' });
    expect(JSON.stringify(report)).not.to.include('/secret/path');
  });

  it('when a check does not answer in time, then it is not ok and the report still comes', async () => {
    const hanging: ReadinessCheck = { name: 'acquirer', run: () => new Promise(() => {}) };
    const started = Date.now();
    const report = await createReadiness({ checks: [passing('ari'), hanging], timeoutMs: 50 }).check();
    expect(Date.now() - started).to.be.lessThan(1000);
    expect(report.checks.acquirer).to.deep.equal({ ok: false, error: 'no answer within 50 ms' });
  });

  it('when the verdict changes, then onChange hears it once per change, the first verdict included', async () => {
    const ari = switchable('ari');
    const heard: [boolean, ReadinessReport['status']][] = [];
    const readiness = createReadiness({
      checks: [ari.check],
      timeoutMs: 100,
      onChange: (ready, report) => heard.push([ready, report.status]),
    });
    await readiness.check();
    await readiness.check();
    ari.state.ok = false;
    await readiness.check();
    await readiness.check();
    ari.state.ok = true;
    await readiness.check();
    expect(heard).to.deep.equal([
      [true, 'ready'],
      [false, 'not_ready'],
      [true, 'ready'],
    ]);
  });

  it('when started, then it checks on its own every interval until stopped', async () => {
    let runs = 0;
    const counted: ReadinessCheck = { name: 'n', run: () => Promise.resolve({ ok: ++runs > 0 }) };
    const readiness = createReadiness({ checks: [counted], timeoutMs: 100 });
    readiness.start(20);
    await new Promise((resolve) => setTimeout(resolve, 110));
    readiness.stop();
    const seen = runs;
    expect(seen).to.be.at.least(2);
    expect(readiness.isReady()).to.equal(true);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(runs).to.equal(seen);
  });
});
