import { expect } from 'chai';
import type { AssistedCall, CaptureView } from '../../src/agent-assist/agent-desk';
import { callDisplay, ownCallsFirst } from '../../src/agent-assist/call-display';

const time = (iso: string) => iso.slice(11, 16);
const call = (capture?: CaptureView, more: Partial<AssistedCall> = {}): AssistedCall => ({
  callId: 'c1',
  merchantId: 'mch_1',
  agentExtension: '201',
  caller: '138****5678',
  startedAt: '2026-03-02T03:58:00.000Z',
  ...(capture ? { capture } : {}),
  ...more,
});
const capture = (more: Partial<CaptureView>): CaptureView => ({
  captureId: 'cap_1',
  orderId: 'ord_1',
  state: 'collecting',
  fields: [],
  ...more,
});

describe('agent-assist/call-display: what the agent page shows of a call', () => {
  it('when the card is keyed, then a count of digits; once complete, the masked number and bank; the other fields only "entered"', () => {
    const shown = callDisplay(
      call(
        capture({
          fields: [
            { field: 'card', state: 'valid', masked: '621626*********0018', bank: 'Ping An Bank' },
            { field: 'pin', state: 'entered', digitCount: 6 },
            { field: 'expiry', state: 'invalid' },
            { field: 'cvn2', state: 'asking' },
          ],
        }),
      ),
      '201',
      time,
    );
    expect(shown.capture?.fields.map((f) => [f.label, f.value, f.check, f.askAgain])).to.deep.equal([
      ['Card number', '621626*********0018 · Ping An Bank', 'valid', true],
      ['PIN', 'entered', 'entered', true],
      ['Expiry date', 'entered', 'invalid', true],
      ['CVN2', '—', 'asking', false],
    ]);
    const keying = callDisplay(call(capture({ fields: [{ field: 'card', state: 'asking', digitCount: 7 }] })), '201', time);
    expect(keying.capture?.fields[0].value).to.equal('7 digits');
    expect(JSON.stringify(keying)).not.to.include('digitCount');
  });

  it('when the desk gives anything but a masked card number, or an unmasked caller, then it is not shown as it is', () => {
    const shown = callDisplay(
      call(capture({ fields: [{ field: 'card', state: 'valid', masked: '6216261234567890018' }] }), { caller: '13812345678' }),
      '201',
      time,
    );
    expect(shown.capture?.fields[0].value).to.equal('(hidden)');
    expect(shown.caller).to.equal('138****5678');
    expect(JSON.stringify(shown)).not.to.include('1234567');
  });

  it('when a capture ends, then its result says how, and it can no longer be cancelled nor fields asked again', () => {
    const cases: [Partial<CaptureView>, string][] = [
      [{ state: 'paid', reason: 'approved' }, 'Paid'],
      [{ state: 'declined', reason: 'insufficient_funds' }, 'Declined: insufficient funds'],
      [{ state: 'abandoned', reason: 'caller_hung_up' }, 'Abandoned: the cardholder hung up'],
      [{ state: 'cancelled' }, 'Cancelled'],
      [{ state: 'failed', reason: 'too_many_attempts' }, 'Failed: too many attempts'],
    ];
    for (const [more, result] of cases) {
      const shown = callDisplay(call(capture({ ...more, fields: [{ field: 'pin', state: 'valid' }] })), '201', time);
      expect(shown.capture).to.deep.include({ result, canCancel: false });
      expect(shown.capture?.fields[0].askAgain).to.equal(false);
      expect(shown.canStart, 'another capture may start on the live call').to.equal(true);
    }
    const submitting = callDisplay(call(capture({ state: 'submitting' })), '201', time);
    expect(submitting.capture).to.deep.include({ canCancel: false, stateText: 'Submitting the payment…' });
    expect(submitting.capture?.result).to.equal(undefined);
    expect(submitting.canStart).to.equal(false);
  });

  it('when the cardholder has hung up, then the call says so and no capture may start', () => {
    const shown = callDisplay(call(undefined, { endedAt: '2026-03-02T04:05:00.000Z' }), '202', time);
    expect(shown).to.deep.include({ ended: true, canStart: false, ownLine: false, status: 'The cardholder hung up at 04:05' });
  });

  it('when calls are listed, then the agent’s own extension’s first, each group in the desk’s order', () => {
    const calls = ['a:202', 'b:201', 'c:203', 'd:201'].map((s) => call(undefined, { callId: s[0], agentExtension: s.slice(2) }));
    expect(ownCallsFirst(calls, '201').map((c) => c.callId)).to.deep.equal(['b', 'd', 'a', 'c']);
  });
});
