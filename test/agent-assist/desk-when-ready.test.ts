import { expect } from 'chai';
import type { AgentDesk, DeskEvent } from '../../src/agent-assist/agent-desk';
import { AssistedCalls } from '../../src/agent-assist/assisted-calls';
import { deskWhenReady } from '../../src/agent-assist/desk-when-ready';

describe('agent-assist/desk-when-ready', () => {
  const calls = new AssistedCalls(() => new Date('2026-03-01T08:00:00.000Z'));

  it('before the desk is wired, then actions are unavailable, while calls and events come from the registry', async () => {
    const desk = deskWhenReady(calls, () => undefined);
    for (const action of [
      () => desk.startCapture('m', 'c', 'o'),
      () => desk.askAgain('m', 'c', 'pin'),
      () => desk.cancel('m', 'c'),
    ]) {
      const err = await action().catch((e: Error & { code?: string }) => e);
      expect(err).to.include({ code: 'unavailable' });
    }
    expect(desk.callsOf('m')).to.deep.equal([]);
    const events: DeskEvent[] = [];
    const stop = desk.subscribe('m', (e) => events.push(e));
    expect(stop).to.be.a('function');
    stop();
  });

  it('once the desk is wired, then actions go to it', async () => {
    const asked: string[] = [];
    const real = {
      startCapture: (m: string, c: string, o: string) => (asked.push(`start ${m} ${c} ${o}`), Promise.resolve({} as never)),
      askAgain: (m: string, c: string, f: string) => (asked.push(`again ${m} ${c} ${f}`), Promise.resolve()),
      cancel: (m: string, c: string) => (asked.push(`cancel ${m} ${c}`), Promise.resolve()),
    } as unknown as AgentDesk;
    const desk = deskWhenReady(calls, () => real);
    await desk.startCapture('m', 'c', 'o');
    await desk.askAgain('m', 'c', 'card');
    await desk.cancel('m', 'c');
    expect(asked).to.deep.equal(['start m c o', 'again m c card', 'cancel m c']);
  });
});
