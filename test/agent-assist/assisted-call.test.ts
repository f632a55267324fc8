import { expect } from 'chai';
import pino from 'pino';
import type { AgentLeg, AssistLine } from '../../src/agent-assist/assist-line';
import { AssistedCalls } from '../../src/agent-assist/assisted-calls';
import { outcomeOf, runAssistedCall } from '../../src/agent-assist/assisted-call';
import { FakeCall } from '../helpers/fake-call';

/** A line whose agent answers (or not), recording what the script asked of it. */
function fakeLine(answers: boolean) {
  const agent = new AbortController();
  const seen = { opened: 0, dialled: [] as string[], closed: 0, muted: [] as boolean[] };
  const line: AssistLine = {
    open: () => {
      seen.opened += 1;
      return Promise.resolve({
        dialAgent: (extension) => {
          seen.dialled.push(extension);
          return Promise.resolve(answers ? ({ signal: agent.signal } satisfies AgentLeg) : undefined);
        },
        muteCardholder: (muted) => {
          seen.muted.push(muted);
          return Promise.resolve();
        },
        close: () => {
          seen.closed += 1;
          return Promise.resolve();
        },
      });
    },
  };
  return { line, seen, agentHangsUp: () => agent.abort() };
}

function run(call: FakeCall, answers: boolean, merchant: string | null = 'mch_1') {
  const { line, seen, agentHangsUp } = fakeLine(answers);
  const calls = new AssistedCalls(() => new Date('2026-03-15T02:00:00Z'));
  const directory = {
    merchantOfExtension: (ext: string) => Promise.resolve(ext === '8001' ? (merchant ?? undefined) : undefined),
  };
  const done = runAssistedCall(
    call,
    { line, directory, calls, log: pino({ level: 'silent' }) },
    {
      agentExtension: '8001',
      callerNumber: '13812345678',
    },
  );
  return { done, seen, calls, agentHangsUp };
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('agent-assist/runAssistedCall', () => {
  it('when the agent answers, then the call is listed for the agent’s merchant only, with the caller masked, until the cardholder hangs up', async () => {
    const call = new FakeCall({ id: 'holder' });
    const { done, seen, calls } = run(call, true);
    await settle();

    expect(call.answered).to.equal(true);
    expect(call.heard()).to.deep.equal(['connecting-agent']);
    expect(seen.dialled).to.deep.equal(['8001']);
    expect(calls.callsOf('mch_1')).to.have.length(1);
    expect(calls.callsOf('mch_1')[0]).to.include({ callId: 'holder', caller: '138****5678', agentExtension: '8001' });
    expect(calls.callsOf('mch_2')).to.deep.equal([]);

    call.hangUpNow();
    expect(await done).to.equal('no-order');
    expect(calls.callsOf('mch_1')[0].endedAt).to.be.a('string');
    expect(seen.closed).to.equal(1);
  });

  it('when a capture keys a field on the listed call, then the cardholder is muted toward the agent before the field is asked', async () => {
    const call = new FakeCall({ id: 'holder', answers: { pin: '123456' } });
    const { done, seen, calls } = run(call, true);
    await settle();
    const listed = calls.get('mch_1', 'holder');
    const options = { field: 'pin', prompts: [], maxDigits: 6, firstDigitTimeoutMs: 1000, interDigitTimeoutMs: 1000 };

    expect((await listed?.call.collect(options))?.digits).to.equal('123456');
    expect(seen.muted).to.deep.equal([true]);
    expect(listed?.call).to.not.equal(call);
    call.hangUpNow();
    await done;
  });

  it('when the agent hangs up, then the cardholder hears that the agent left, goodbye, and is hung up', async () => {
    const call = new FakeCall({ id: 'holder' });
    const { done, seen, agentHangsUp } = run(call, true);
    await settle();
    agentHangsUp();
    await done;

    expect(call.heard()).to.deep.equal(['connecting-agent', 'agent-left', 'goodbye']);
    expect(call.scriptHungUp).to.equal(true);
    expect(seen.closed).to.equal(1);
  });

  it('when nobody answers the agent’s extension, then the cardholder is told no agent is available and hung up', async () => {
    const call = new FakeCall({ id: 'holder' });
    const { done, seen, calls } = run(call, false);
    await done;

    expect(call.heard()).to.deep.equal(['connecting-agent', 'agent-unavailable', 'goodbye']);
    expect(call.scriptHungUp).to.equal(true);
    expect(calls.callsOf('mch_1')).to.deep.equal([]);
    expect(seen.closed).to.equal(1);
  });

  it('when no agent account has the extension, then nothing is bridged or dialled and the cardholder hears the service is unavailable', async () => {
    const call = new FakeCall({ id: 'holder' });
    const { done, seen } = run(call, true, null);
    await done;

    expect(seen).to.deep.equal({ opened: 0, dialled: [], closed: 0, muted: [] });
    expect(call.heard()).to.deep.equal(['service-unavailable', 'goodbye']);
  });

  it('when the call’s last capture ended, then the call’s outcome is read from it as the IVR’s would be', () => {
    const capture = (state: 'paid' | 'declined' | 'failed' | 'cancelled' | 'abandoned', reason?: string) => ({
      captureId: 'cap_1',
      orderId: 'ord_1',
      state,
      fields: [],
      ...(reason ? { reason } : {}),
    });
    expect(outcomeOf(undefined)).to.equal('no-order');
    expect(outcomeOf(capture('paid', 'approved'))).to.equal('paid');
    expect(outcomeOf(capture('declined', 'wrong_pin'))).to.equal('declined');
    expect(outcomeOf(capture('failed', 'payment_pending'))).to.equal('pending');
    expect(outcomeOf(capture('failed', 'acquirer_unavailable'))).to.equal('unavailable');
    expect(outcomeOf(capture('failed', 'too_many_attempts'))).to.equal('abandoned');
    expect(outcomeOf(capture('cancelled', 'cancelled_by_agent'))).to.equal('abandoned');
    expect(outcomeOf(capture('abandoned', 'caller_hung_up'))).to.equal('abandoned');
  });
});
