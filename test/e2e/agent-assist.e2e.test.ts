import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import pino from 'pino';
import { createAgentService } from '../../src/agent-assist/agent-service';
import { createStore } from '../../src/store/store';
import { TEST_HOLDER, TEST_PIN } from '../../sandbox-acquirer/test-cards';
import type { AssistedCall, CaptureView } from '../../src/agent-assist/agent-desk';
import { loadOrCreateSandboxSecrets } from '../../src/config/sandbox-secrets';
import { AssistLegs } from '../../simulator/assist-legs';
import { keepArtefact, until } from '../helpers/assist-legs';
import { detectDtmf, detectTone, readWav, toneLevel, type ToneRun } from '../helpers/dtmf-detector';
import { api, newOrder, startE2e, type E2eHarness } from '../helpers/e2e-service';
import { DEBIT } from '../helpers/test-cards';
import { testOutputFile } from '../helpers/test-output';

/** The loopback agent desk phone of the sandbox (dialplan/pjsip.conf, dtmf_mode inband): PJSIP/7001. */
const AGENT_EXTENSION = '7001';
/** Every key of a debit payment (the 19-digit card ends on its last digit, so no `#`), then 1 at the read-back. */
const DEBIT_KEYS = `${DEBIT}${TEST_PIN}${TEST_HOLDER.idNumber.replace('X', '*')}${TEST_HOLDER.mobile}1`;
/**
 * The cardholder's "voice" before the capture and after it: steady tones off every DTMF frequency, two of them so
 * each is told apart (the recording leaves silent stretches out: simulator/assist-legs.ts).
 */
const VOICE_BEFORE_HZ = 600;
const VOICE_AFTER_HZ = 500;
const VOICE_MS = 1500;

interface Heard {
  keys: ToneRun[];
  before: ToneRun[];
  after: ToneRun[];
  seconds: number;
}

/** How the cardholder's keys reach the call, what ivrpay does against them, and how far the capture goes. */
interface Listening {
  /** `frames`: DTMF frames only; `aloud`: each key's tones as sound, then its frame (simulator/assist-legs.ts). */
  keying: 'frames' | 'aloud';
  absorb: boolean;
  mute: boolean;
  /** The whole debit payment, or only the card number, then the agent cancels. */
  pay: boolean;
}

/**
 * Three legs through the sandbox Asterisk: a simulated cardholder (a Local channel keying DTMF frames, or frames and
 * their tones as sound, and playing steady tones as its voice), the agent (the loopback desk phone 7001 with
 * dtmf_mode=inband: a DTMF frame reaching it becomes audible tones; its far end is recorded), and ivrpay's Stasis
 * app bridging them. A Goertzel detector reads the agent's recording. Two negative controls turn one protection off
 * each (test-only service options): absorbing the frames, and muting the cardholder's sound while keying. The same
 * detector must then find the keys, which proves the legs and the detector can see them.
 */
describe('agent-assisted payment through the sandbox Asterisk @e2e', function () {
  this.timeout(240_000);
  let h: E2eHarness;
  let legs: AssistLegs;
  let absorb = true;
  let mute = true;

  before(async () => {
    h = await startE2e(
      'agent-assist',
      {},
      {
        agentAssist: { absorbDtmf: () => absorb, muteCardholder: () => mute },
      },
    );
    // An agent account of the merchant at the desk phone's extension: the service's own directory finds the merchant.
    const deps = { store: createStore(h.service.db), log: pino({ level: 'silent' }), now: () => new Date() };
    await createAgentService(deps).create({ merchantId: h.merchantId, name: 'desk-agent', extension: AGENT_EXTENSION });
    const password = h.config.ari.password ?? loadOrCreateSandboxSecrets(h.config.dataDir).ariPassword;
    legs = await AssistLegs.connect({
      url: h.config.ari.url,
      user: h.config.ari.user,
      password,
      asteriskDir: path.join(h.config.dataDir, 'asterisk'),
    });
  });
  after(async () => {
    legs?.close();
    await h?.stop();
  });

  const callOf = (callId: string): AssistedCall | undefined =>
    h.service.agentDesk.callsOf(h.merchantId).find((c) => c.callId === callId);

  /** One assisted capture, start to hang-up; what the agent's desk phone received. */
  async function captureWhileAgentListens(
    name: string,
    how: Listening,
  ): Promise<{ heard: Heard; capture: CaptureView; orderId: string }> {
    absorb = how.absorb;
    mute = how.mute;
    const order = await newOrder(h);
    const recording = legs.recordNextAgent(name);
    const holder = await legs.dialIn(AGENT_EXTENSION, '13812345678');
    await until('the agent to be bridged', 30_000, () => callOf(holder.callId));

    await holder.playTone(VOICE_BEFORE_HZ, VOICE_MS);
    const res = await fetch(`${h.apiBase}/v1/orders/${order.id}/agent-capture`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ callId: holder.callId }),
    });
    expect(res.status).to.equal(201);
    const keys = how.pay ? DEBIT_KEYS : DEBIT;
    await (how.keying === 'aloud' ? holder.keysAloud(keys) : holder.keys(keys));
    if (!how.pay) {
      await until('the PIN to be asked', 60_000, () =>
        callOf(holder.callId)?.capture?.fields.find((f) => f.field === 'pin' && f.state === 'asking'),
      );
      await h.service.agentDesk.cancel(h.merchantId, holder.callId);
    }
    const capture = await until('the capture to end', 120_000, () => {
      const current = callOf(holder.callId)?.capture;
      return current && !['collecting', 'submitting'].includes(current.state) ? current : undefined;
    });
    // The cardholder hears the result (to them only) before speaking again: while a prompt plays to the cardholder,
    // their voice does not reach the agent (README, "Agent-assisted payments").
    await sleep(4500);
    await holder.playTone(VOICE_AFTER_HZ, VOICE_MS);
    // The tone's last packets reach the agent before the call ends.
    await sleep(1000);
    await holder.hangup();

    const file = await recording.file;
    const artefact = testOutputFile(`${name}-agent-heard.wav`);
    keepArtefact(file, artefact);
    const { rate, samples } = readWav(artefact);
    const heard = {
      keys: detectDtmf(samples, rate),
      before: detectTone(samples, rate, VOICE_BEFORE_HZ),
      after: detectTone(samples, rate, VOICE_AFTER_HZ),
      seconds: samples.length / rate,
    };
    const runs = (found: ToneRun[], hz: number) =>
      found
        .map((r) => {
          const { dbfs, share } = toneLevel(samples, rate, r, hz);
          return `${r.startMs}-${r.endMs} ms at ${dbfs.toFixed(1)} dBFS, ${(share * 100).toFixed(0)} % of the energy at ${hz} Hz`;
        })
        .join(', ') || 'none';
    // Counts and times only: the keys' digits are the card's.
    console.log(
      `      ${name}: ${heard.seconds.toFixed(1)} s of audio reached the agent; ${heard.keys.length} DTMF tones ` +
        `(of ${keys.length} keys); voice before ${runs(heard.before, VOICE_BEFORE_HZ)}; after ${runs(heard.after, VOICE_AFTER_HZ)}`,
    );
    return { heard, capture, orderId: order.id };
  }

  /**
   * The cardholder's voice before the capture and after it, each heard about as long as played (a dropout on this
   * shared machine may split a tone in two runs: their lengths add up), the first before the second.
   */
  function expectVoiceBeforeAndAfter(heard: Heard): void {
    const heardMs = (found: ToneRun[]) => found.reduce((sum, run) => sum + run.endMs - run.startMs, 0);
    expect(heardMs(heard.before)).to.be.within(VOICE_MS - 400, VOICE_MS + 300);
    expect(heardMs(heard.after)).to.be.within(VOICE_MS - 400, VOICE_MS + 300);
    expect(Math.max(...heard.before.map((r) => r.endMs))).to.be.at.most(Math.min(...heard.after.map((r) => r.startMs)));
  }

  it('when the cardholder keys a debit card, as frames and as sound, while the agent listens, then the order is paid, the agent hears the cardholder before and after, and no DTMF tone at all', async () => {
    const { heard, capture, orderId } = await captureWhileAgentListens('agent-assist-protected', {
      keying: 'aloud',
      absorb: true,
      mute: true,
      pay: true,
    });

    expect(capture.state).to.equal('paid');
    expect(capture.fields.map((f) => [f.field, f.state])).to.deep.include.members([
      ['card', 'valid'],
      ['pin', 'valid'],
    ]);
    expect(capture.fields.find((f) => f.field === 'card')?.masked).to.equal(`${DEBIT.slice(0, 6)}*********${DEBIT.slice(-4)}`);
    expect((await api(h, `/v1/orders/${orderId}`)).status).to.equal('paid');
    expect(heard.keys).to.deep.equal([]);
    expectVoiceBeforeAndAfter(heard);
  });

  const controls: { protection: string; name: string; how: Listening }[] = [
    {
      protection: 'the cardholder’s DTMF frames are not absorbed, then the card’s keys sent as frames',
      name: 'agent-assist-not-absorbed',
      how: { keying: 'frames', absorb: false, mute: true, pay: false },
    },
    {
      protection: 'the cardholder is not muted while keying, then the card’s keys their phone sends as sound',
      name: 'agent-assist-not-muted',
      how: { keying: 'aloud', absorb: true, mute: false, pay: false },
    },
  ];
  for (const control of controls) {
    it(`negative control: when ${control.protection} reach the agent, found by the same detector`, async () => {
      try {
        const { heard, capture } = await captureWhileAgentListens(control.name, control.how);
        expect(capture.state).to.equal('cancelled');
        // Most of the keys, as tones: the legs and the detector do see them when they reach the agent.
        expect(heard.keys.length).to.be.at.least(Math.floor(DEBIT.length * 0.8));
        expectVoiceBeforeAndAfter(heard);
      } finally {
        absorb = true;
        mute = true;
      }
    });
  }

  it('when the cardholder hangs up mid-capture, then the capture ends abandoned, the order is released as abandoned, and the agent’s leg is hung up', async () => {
    const order = await newOrder(h);
    const recording = legs.recordNextAgent('agent-assist-abandoned');
    const holder = await legs.dialIn(AGENT_EXTENSION, '13812345678');
    await until('the agent to be bridged', 30_000, () => callOf(holder.callId));
    expect((await h.service.agentDesk.startCapture(h.merchantId, holder.callId, order.id)).state).to.equal('collecting');
    await holder.keys(DEBIT.slice(0, 8));
    await until('8 digits counted', 30_000, () =>
      callOf(holder.callId)?.capture?.fields.find((f) => f.field === 'card' && f.digitCount === 8),
    );

    await holder.hangup();

    const ended = await until('the call to end', 30_000, () => {
      const call = callOf(holder.callId);
      return call?.endedAt !== undefined ? call : undefined;
    });
    expect(ended.capture).to.include({ state: 'abandoned', reason: 'caller_hung_up' });
    expect((await api(h, `/v1/orders/${order.id}`)).status).to.equal('abandoned');
    // The agent's recording ends only when ivrpay hangs up the agent's leg.
    keepArtefact(await recording.file, testOutputFile('agent-assist-abandoned-agent-heard.wav'));
  });
});
