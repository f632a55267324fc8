import { expect } from 'chai';
import pino from 'pino';
import { FIELD_VARIABLE } from '../../src/ari/ari-call';
import type { SimulatedCall, SimulatedCallResult } from '../../simulator/simulated-call';
import { answerIncoming, type IncomingCall, type IncomingOps } from '../../simulator/simulated-incoming';
import { DEBIT } from '../helpers/test-cards';

const PHONE = 'Local/13800000001@ivrpay-test-phones-00000005';

function fakeOps(channels: Record<string, string>) {
  const done: string[] = [];
  const record = (what: string) => {
    done.push(what);
    return Promise.resolve();
  };
  const ops: IncomingOps = {
    sendDtmf: (id, dtmf) => record(`dtmf ${id} ${dtmf}`),
    hangup: (id) => record(`hangup ${id}`),
    answer: (id) => record(`answer ${id}`),
    channelIdByName: (name) => Promise.resolve(channels[name]),
    subscribe: (id) => record(`subscribe ${id}`),
  };
  return { ops, done };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('simulator/answerIncoming (the simulated cardholder at a test phone)', () => {
  it('when the IVR rings a test phone, then it follows the IVR’s channel before answering and keys what each field asks', async () => {
    const { ops, done } = fakeOps({ [`${PHONE};1`]: 'cb-1' });
    const rung: IncomingCall[] = [];
    let sim: SimulatedCall | undefined;
    let result: SimulatedCallResult | undefined;
    const answering = answerIncoming(
      { type: 'StasisStart', channel: { id: 'cb-1-2', name: `${PHONE};2` }, args: ['13800000001'] },
      (call) => {
        rung.push(call);
        return { answers: { card: `${DEBIT}#` }, timeoutMs: 10_000, onEnded: (r) => (result = r) };
      },
      { ops, log: pino({ level: 'silent' }), track: (s) => ((sim = s), () => (sim = undefined)) },
    );
    await tick();
    expect(rung).to.deep.equal([{ number: '13800000001' }]);
    expect(done).to.deep.equal(['subscribe cb-1', 'answer cb-1-2']);

    sim?.handle({ type: 'ChannelVarset', channel: { id: 'cb-1' }, variable: FIELD_VARIABLE, value: 'card' });
    await tick();
    expect(done.at(-1)).to.equal(`dtmf cb-1-2 ${DEBIT}#`);
    sim?.handle({ type: 'ChannelDestroyed', channel: { id: 'cb-1' } });
    await answering;
    expect(result).to.deep.include({ fieldsAsked: ['card'], hungUpBy: 'ivr' });
    expect(sim).to.equal(undefined);
  });

  it('when the phone is to ring a while, then it answers only after that', async () => {
    const { ops, done } = fakeOps({ [`${PHONE};1`]: 'cb-1' });
    let sim: SimulatedCall | undefined;
    const answering = answerIncoming(
      { type: 'StasisStart', channel: { id: 'cb-1-2', name: `${PHONE};2` }, args: ['13800000001'] },
      () => ({ answers: {}, timeoutMs: 10_000, ringMs: 50 }),
      { ops, log: pino({ level: 'silent' }), track: (s) => ((sim = s), () => (sim = undefined)) },
    );
    await new Promise((r) => setTimeout(r, 20));
    expect(done).to.deep.equal([]);
    await new Promise((r) => setTimeout(r, 50));
    expect(done).to.deep.equal(['subscribe cb-1', 'answer cb-1-2']);
    sim?.handle({ type: 'ChannelDestroyed', channel: { id: 'cb-1' } });
    await answering;
  });

  it('when the handler does not want the call, then it is hung up unanswered', async () => {
    const { ops, done } = fakeOps({ [`${PHONE};1`]: 'cb-1' });
    await answerIncoming(
      { type: 'StasisStart', channel: { id: 'cb-1-2', name: `${PHONE};2` }, args: ['13800000009'] },
      () => undefined,
      { ops, log: pino({ level: 'silent' }), track: () => () => {} },
    );
    expect(done).to.deep.equal(['hangup cb-1-2']);
  });

  it('when the channel is not a Local channel’s second half, then there is no IVR channel to follow and it is hung up', async () => {
    const { ops, done } = fakeOps({});
    await answerIncoming(
      { type: 'StasisStart', channel: { id: 'pjsip-1', name: 'PJSIP/1001-00000001' }, args: [] },
      () => ({ answers: {}, timeoutMs: 1000 }),
      { ops, log: pino({ level: 'silent' }), track: () => () => {} },
    );
    expect(done).to.deep.equal(['hangup pjsip-1']);
  });
});
