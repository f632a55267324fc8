import { expect } from 'chai';
import { assistStartFromArgs, callbackArgs, callStartFromArgs } from '../../src/ari/stasis-args';

describe('ari/callStartFromArgs', () => {
  it('when an inbound call passes a pay code, then the script starts from it; an empty one means ask', () => {
    expect(callStartFromArgs(['inbound', '583920'], 'inbound')).to.deep.equal({ payCode: '583920' });
    expect(callStartFromArgs(['inbound', ''], 'inbound')).to.deep.equal({ payCode: undefined });
    expect(callStartFromArgs([], 'inbound')).to.deep.equal({ payCode: undefined });
  });

  it('when an inbound call has a caller ID, then the script gets it (for the SMS to a caller who hangs up)', () => {
    expect(callStartFromArgs(['inbound', ''], 'inbound', '13812345678')).to.deep.equal({
      payCode: undefined,
      callerNumber: '13812345678',
    });
    expect(callStartFromArgs(['inbound', '583920'], 'inbound', '')).to.deep.equal({ payCode: '583920' });
  });

  it('when a callback is answered, then no caller number is passed: callbacks have their own SMS reminder', () => {
    expect(callStartFromArgs(callbackArgs('ord_1', 'cba_2'), 'outbound', '4008205588')).to.deep.equal({ orderId: 'ord_1' });
  });

  it('when a channel this app originated enters with callback arguments, then the script starts from the order', () => {
    expect(callStartFromArgs(callbackArgs('ord_1', 'cba_2'), 'outbound')).to.deep.equal({ orderId: 'ord_1' });
  });

  it('when an inbound channel claims to be a callback, then no order is taken from it', () => {
    expect(callStartFromArgs(['callback', 'ord_1', 'cba_2'], 'inbound')).to.deep.equal({});
  });
});

describe('ari/callStartFromArgs: return to', () => {
  it('when an inbound call names where its caller goes back, then the script gets it; an empty one means goodbye', () => {
    expect(callStartFromArgs(['inbound', '583920', '8001'], 'inbound')).to.deep.equal({
      payCode: '583920',
      returnTo: '8001',
    });
    expect(callStartFromArgs(['inbound', '', 'agent_7'], 'inbound')).to.deep.equal({ payCode: undefined, returnTo: 'agent_7' });
    expect(callStartFromArgs(['inbound', '583920', ''], 'inbound')).to.deep.equal({ payCode: '583920' });
  });

  it('when the return-to is not an extension name, then it is ignored', () => {
    for (const bad of ['80 01', 'a,b', '../x', 'x'.repeat(41), 'sip:agent@host']) {
      expect(callStartFromArgs(['inbound', '583920', bad], 'inbound')).to.deep.equal({ payCode: '583920' });
    }
  });

  it('when a callback names a return-to, then it is not taken', () => {
    expect(callStartFromArgs(['callback', 'ord_1', 'cba_2'], 'outbound')).to.deep.equal({ orderId: 'ord_1' });
  });
});

describe('ari/assistStartFromArgs', () => {
  it('when the dialplan sends a cardholder with an agent extension, then it is an assisted call to that extension', () => {
    expect(assistStartFromArgs(['agent-assist', '8001'], 'inbound')).to.deep.equal({
      kind: 'cardholder',
      agentExtension: '8001',
    });
  });

  it('when the extension could change the dial string (a slash, an ampersand, empty), then it is not taken', () => {
    for (const extension of ['8001&PJSIP/9', 'SIP/8001', '', 'a'.repeat(41)]) {
      expect(assistStartFromArgs(['agent-assist', extension], 'inbound')).to.equal(undefined);
    }
  });

  it('when our own originated agent leg enters, then it names the cardholder’s call; an inbound one claiming so is not taken', () => {
    expect(assistStartFromArgs(['agent-leg', 'chan-1'], 'outbound')).to.deep.equal({
      kind: 'agent-leg',
      cardholderCallId: 'chan-1',
    });
    expect(assistStartFromArgs(['agent-leg', 'chan-1'], 'inbound')).to.equal(undefined);
    expect(assistStartFromArgs(['agent-assist', '8001'], 'outbound')).to.equal(undefined);
  });

  it('when the call is an IVR call, then it is none of these', () => {
    expect(assistStartFromArgs(['inbound', '583920', ''], 'inbound')).to.equal(undefined);
  });
});
