import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import pino from 'pino';
import { createIdempotencyStore, type IdempotencyClaim, type IdempotencyStore } from '../../src/services/idempotency-store';
import { createMerchantService } from '../../src/services/merchant-service';
import { openDb } from '../../src/store/db';
import { createStore } from '../../src/store/store';
import { migrateLatest } from '../../src/store/migrate';
import { startSecondProcess, stopSecondProcess } from '../helpers/second-process';
import { createTestDeps, type TestDeps, describeEachStore } from '../helpers/test-db';

describeEachStore('services/idempotency-store', () => {
  let deps: TestDeps;
  let store: IdempotencyStore;
  let merchantId: string;
  let otherId: string;

  beforeEach(async () => {
    deps = await createTestDeps();
    store = createIdempotencyStore(deps);
    const merchants = createMerchantService(deps);
    merchantId = (await merchants.createMerchant('Acme')).id;
    otherId = (await merchants.createMerchant('Other')).id;
  });
  afterEach(() => deps.db.destroy());

  async function started(claimed: ReturnType<IdempotencyStore['claim']>) {
    const claim = await claimed;
    if (claim.kind !== 'started') throw new Error(`expected started, got ${claim.kind}`);
    return claim.lock;
  }

  it('when ten claims of one key race, then exactly one starts and the others see it in flight', async () => {
    const claims = await Promise.all(Array.from({ length: 10 }, () => store.claim(merchantId, 'k', 'h1')));
    expect(claims.filter((c) => c.kind === 'started')).to.have.length(1);
    expect(claims.filter((c) => c.kind === 'in_flight')).to.have.length(9);
  });

  it('when the answer is kept, then the same key and hash replay it and another hash is a mismatch', async () => {
    const lock = await started(store.claim(merchantId, 'k', 'h1'));
    await store.complete(lock, 201, { id: 'ord_1' });

    expect(await store.claim(merchantId, 'k', 'h1')).to.deep.equal({ kind: 'replay', status: 201, body: { id: 'ord_1' } });
    expect(await store.claim(merchantId, 'k', 'h2')).to.deep.equal({ kind: 'mismatch' });
  });

  it('when another merchant uses the same key string, then it gets its own claim', async () => {
    await started(store.claim(merchantId, 'k', 'h1'));
    expect((await store.claim(otherId, 'k', 'h2')).kind).to.equal('started');
  });

  it('when a claim is released, then the key can be claimed again', async () => {
    await store.release(await started(store.claim(merchantId, 'k', 'h1')));
    expect((await store.claim(merchantId, 'k', 'h2')).kind).to.equal('started');
  });

  it('when a claim stays in flight for 60 s (its process died), then a retry takes over and the old claim cannot overwrite it', async () => {
    const old = await started(store.claim(merchantId, 'k', 'h1'));
    deps.advance(59_999);
    expect((await store.claim(merchantId, 'k', 'h1')).kind).to.equal('in_flight');
    deps.advance(1);
    const fresh = await started(store.claim(merchantId, 'k', 'h1'));

    await store.complete(old, 500, { late: true });
    await store.complete(fresh, 201, { id: 'ord_2' });
    expect(await store.claim(merchantId, 'k', 'h1')).to.deep.equal({ kind: 'replay', status: 201, body: { id: 'ord_2' } });
  });

  it('when records are 24 h old, then purgeExpired deletes them and keeps younger ones', async () => {
    await store.complete(await started(store.claim(merchantId, 'old', 'h')), 201, {});
    deps.advance(3600_000);
    await store.complete(await started(store.claim(merchantId, 'young', 'h')), 201, {});
    deps.advance(23 * 3600_000);

    expect(await store.purgeExpired()).to.equal(1);
    const keys = await deps.db('idempotency_keys').pluck('idempotency_key');
    expect(keys).to.deep.equal(['young']);
  });

  it('when a record is past 24 h but not yet purged, then the key starts a new request', async () => {
    await store.complete(await started(store.claim(merchantId, 'k', 'h1')), 201, {});
    deps.advance(24 * 3600_000);
    expect((await store.claim(merchantId, 'k', 'h2')).kind).to.equal('started');
  });

  it('when two processes on one SQLite file claim one key at once, then exactly one starts and none fails busy', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ivrpay-idem-'));
    const file = path.join(dir, 'two-writers.sqlite');
    const one = await openDb(file);
    await migrateLatest(one);
    const other = await startSecondProcess(file, deps.now());
    try {
      const base = { log: pino({ level: 'silent' }), now: deps.now, store: createStore(one) };
      const id = (await createMerchantService(base).createMerchant('Acme')).id;
      const store = createIdempotencyStore({ ...base, store: createStore(one, { groupCommit: true }) });

      const claims = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          i % 2 === 0
            ? store.claim(id, 'k', 'h')
            : other.call<IdempotencyClaim>('claimIdempotency', { merchantId: id, key: 'k', hash: 'h' }),
        ),
      );
      expect(claims.filter((c) => c.kind === 'started')).to.have.length(1);
      expect(claims.filter((c) => c.kind === 'in_flight')).to.have.length(19);
    } finally {
      await stopSecondProcess(other);
      await one.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
