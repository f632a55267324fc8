import { expect } from 'chai';
import { BenchCall, type DriverEvent } from '../../../scripts/bench/calls/bench-call';
import { ANSWERS, EXPECTED_FIELDS, FIELD_PROMPT } from '../../../scripts/bench/calls/call-plan';
import { isRefusedCall } from '../../../scripts/bench/calls/admission-tally';

const LOCAL = 'bench-1';
const PEER = 'bench-1-ivr';
const at = (ms: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, 0, ms)).toISOString().replace('Z', '+0000');

function harness(mode: 'app' | 'dialplan') {
  const sent: { channelId: string; keys: string }[] = [];
  const ops = {
    sendKeys: (channelId: string, keys: string) => {
      sent.push({ channelId, keys });
      return Promise.resolve();
    },
    hangup: async () => {},
  };
  const call = new BenchCall(LOCAL, PEER, mode, ops, 60_000);
  const send = (event: DriverEvent) => call.handle(event);
  const peer = { id: PEER };
  const flush = () => new Promise((resolve) => setImmediate(resolve));
  send({ type: 'StasisStart', channel: { id: LOCAL } });
  return {
    call,
    sent,
    send,
    flush,
    asked: (field: string) => send({ type: 'ChannelVarset', channel: peer, variable: 'IVRPAY_FIELD', value: field }),
    promptEnded: (media: string) =>
      send({ type: 'PlaybackFinished', playback: { media_uri: `sound:/s/zh/${media}`, target_uri: `channel:${PEER}` } }),
    promptStarted: (media: string, ms: number) =>
      mode === 'app'
        ? send({
            type: 'PlaybackStarted',
            timestamp: at(ms),
            playback: { media_uri: `sound:/s/zh/${media}`, target_uri: `channel:${PEER}` },
          })
        : send({
            type: 'ChannelDialplan',
            timestamp: at(ms),
            channel: peer,
            dialplan_app: 'Playback',
            dialplan_app_data: `/s/zh/${media}`,
          }),
    keys: (count: number, lastMs: number) => {
      for (let i = 0; i < count; i++)
        send({ type: 'ChannelDtmfReceived', timestamp: at(lastMs - (count - 1 - i) * 200), channel: peer });
    },
    hangUp: () => send({ type: 'ChannelDestroyed', channel: peer }),
  };
}

describe('bench:calls simulated cardholder (BenchCall)', () => {
  it("when the app names a field, then the caller waits; when the field's own prompt ends, then it keys that field", async () => {
    const h = harness('app');
    h.asked('card');
    h.promptEnded('amount-is');
    await h.flush();
    expect(h.sent).to.deep.equal([]);
    h.promptEnded(FIELD_PROMPT.card);
    await h.flush();
    expect(h.sent).to.deep.equal([{ channelId: LOCAL, keys: ANSWERS.card }]);
    h.hangUp();
  });

  it("when the app's field prompt ends without IVRPAY_FIELD (turned off), then the caller still keys and counts the field as asked", async () => {
    const h = harness('app');
    h.promptEnded(FIELD_PROMPT.expiry);
    await h.flush();
    expect(h.sent).to.deep.equal([{ channelId: LOCAL, keys: ANSWERS.expiry }]);
    h.hangUp();
    expect((await h.call.done).fieldsAsked).to.deep.equal(['expiry']);
  });

  it("when the field's last key is followed by a prompt, then the interval between their Asterisk times is recorded", async () => {
    const h = harness('app');
    h.promptEnded(FIELD_PROMPT.cvn2);
    await h.flush();
    h.keys(ANSWERS.cvn2.length - 1, 1_000);
    h.promptStarted('enter-id', 1_050); // not the last key yet: no interval
    h.keys(1, 1_200);
    h.promptStarted('enter-id', 1_207);
    h.hangUp();
    const result = await h.call.done;
    expect(result.timings).to.have.length(1);
    expect(result.timings[0]).to.deep.include({ field: 'cvn2' });
    expect(result.timings[0].promptAt - result.timings[0].keyAt).to.equal(7);
  });

  it('when the baseline names a field, then the caller keys at once, and its next Playback() ends the interval', async () => {
    const h = harness('dialplan');
    h.asked('confirm');
    await h.flush();
    expect(h.sent).to.deep.equal([{ channelId: LOCAL, keys: ANSWERS.confirm }]);
    h.keys(1, 5_000);
    h.promptStarted('please-wait', 5_001);
    h.hangUp();
    expect((await h.call.done).timings).to.deep.equal([
      { field: 'confirm', keyAt: Date.parse(at(5_000)), promptAt: Date.parse(at(5_001)) },
    ]);
  });

  it('when the call ends without every field or without the success prompt, then it is a failure', async () => {
    const h = harness('dialplan');
    h.asked('card');
    h.hangUp();
    expect((await h.call.done).failure).to.equal('wrong fields asked');

    const all = harness('dialplan');
    for (const field of EXPECTED_FIELDS) all.asked(field);
    all.hangUp();
    expect((await all.call.done).failure).to.equal('no success prompt');
  });

  it('when the app plays lines-busy alone and hangs up, then the call is recorded with that one prompt and is a refused call', async () => {
    const h = harness('app');
    h.promptStarted('lines-busy', 10);
    h.hangUp();
    const result = await h.call.done;
    expect(result.prompts).to.deep.equal(['lines-busy']);
    expect(result.fieldsAsked).to.deep.equal([]);
    expect(isRefusedCall(result)).to.equal(true);
  });
});
