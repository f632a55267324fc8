import type { Application } from 'express';
import { createAgentService, type AgentService } from '../../src/agent-assist/agent-service';
import { createSessionStore } from '../../src/console/console-sessions';
import type { AgentLogin } from '../../src/http/agent/agent-login';
import type { AgentPageDeps } from '../../src/http/agent/agent-router';
import { createApp } from '../../src/http/create-app';
import { createOrderService } from '../../src/order/order-service';
import { createBankService } from '../../src/services/bank-service';
import { createIdempotencyStore } from '../../src/services/idempotency-store';
import { createMerchantService } from '../../src/services/merchant-service';
import { createTestDeps, type TestDeps } from '../helpers/test-db';
import { FakeAgentDesk } from './fake-agent-desk';

/** 12:00 in Beijing on 2026-03-02. */
export const NOW = new Date('2026-03-02T04:00:00.000Z');
/** Acme's agent on extension 201. */
export const AMY = { name: 'amy', password: 'correct horse battery', extension: '201' };
/** Acme's agent on extension 202, and Globex's on 301. */
export const BEN = { name: 'ben', password: 'another long password', extension: '202' };
export const GUS = { name: 'gus', password: 'globex agent password', extension: '301' };

export interface AgentFixture {
  deps: TestDeps;
  desk: FakeAgentDesk;
  agents: AgentService;
  acme: string;
  globex: string;
  page: AgentPageDeps;
  app: Application;
}

/**
 * Two merchants and their agents; Acme's calls on Amy's extension and on Ben's, Globex's on Gus's; orders: Acme's
 * ord_acme1 (payable) and ord_paid (not), Globex's ord_globex1.
 */
export async function createAgentFixture(
  opts: { loginAttempts?: AgentPageDeps['loginAttempts']; sessionMs?: number; heartbeatMs?: number } = {},
): Promise<AgentFixture> {
  const deps = await createTestDeps(NOW);
  const merchants = createMerchantService(deps);
  const acme = (await merchants.createMerchant('Acme Travel')).id;
  const globex = (await merchants.createMerchant('Globex')).id;
  const agents = createAgentService(deps);
  await agents.create({ merchantId: acme, name: AMY.name, extension: AMY.extension }, AMY.password);
  await agents.create({ merchantId: acme, name: BEN.name, extension: BEN.extension }, BEN.password);
  await agents.create({ merchantId: globex, name: GUS.name, extension: GUS.extension }, GUS.password);

  const desk = new FakeAgentDesk();
  desk.call('call-amy', acme, AMY.extension, '138****5678');
  desk.call('call-ben', acme, BEN.extension, '139****0001');
  desk.call('call-globex', globex, GUS.extension, '137****4242');
  desk.orders.set('ord_acme1', { merchantId: acme, payable: true });
  desk.orders.set('ord_paid', { merchantId: acme, payable: false });
  desk.orders.set('ord_globex1', { merchantId: globex, payable: true });

  const page: AgentPageDeps = {
    desk,
    agents,
    merchantName: async (id) => (await deps.store.merchants.find(id))?.name,
    sessions: createSessionStore<AgentLogin>({ ttlMs: opts.sessionMs ?? 8 * 3_600_000, now: deps.now }),
    cookie: { secure: false },
    loginAttempts: opts.loginAttempts ?? { perIp: 10, perLogin: 10 },
    ...(opts.heartbeatMs ? { heartbeatMs: opts.heartbeatMs } : {}),
    log: deps.log,
  };
  const app = createApp({
    merchants,
    orders: createOrderService({ ...deps, defaultExpiresSeconds: 1800 }),
    banks: createBankService(deps),
    idempotency: createIdempotencyStore(deps),
    rateLimitPerMinute: 1000,
    log: deps.log,
    agent: page,
  });
  return { deps, desk, agents, acme, globex, page, app };
}
