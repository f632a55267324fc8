import { expect } from 'chai';
import { reasonFor, transactionResult } from '../../src/acquirer/acp/port-results';
import { SANDBOX_RESPONSE_CODES, SMS_CODE_FAILED } from '../../sandbox-acquirer/sandbox-decision';
import { sandboxDeclineReason, sandboxResult } from '../../sandbox-acquirer/sandbox-results';
import type { CardKind } from '../../src/domain/card-kind';

/** Every code the sandbox issuer decides with (sandbox-decision.ts). */
const SANDBOX_CODES = [...new Set(['00', SMS_CODE_FAILED, ...Object.values(SANDBOX_RESPONSE_CODES)])];
const KINDS: (CardKind | undefined)[] = ['debit', 'credit', undefined];

describe('sandboxResult', () => {
  it('when any code the sandbox decides with is read back, for any card kind, then the result is what the ACP adapter reads from it', () => {
    for (const code of SANDBOX_CODES) {
      for (const kind of KINDS) {
        expect(sandboxResult(code, 'q1', kind), `${code} ${kind}`).to.deep.equal(transactionResult(code, 'q1', kind));
        if (code !== '00') expect(sandboxDeclineReason(code, kind), `${code} ${kind}`).to.equal(reasonFor(code, kind));
      }
    }
  });

  it('when 65 is read back, then the card kind tells wrong_pin from wrong_cvn2_or_expiry, and without it it is a plain decline', () => {
    expect(sandboxDeclineReason('65', 'debit')).to.equal('wrong_pin');
    expect(sandboxDeclineReason('65', 'credit')).to.equal('wrong_cvn2_or_expiry');
    expect(sandboxDeclineReason('65', undefined)).to.equal('declined');
  });

  it('when a code the sandbox never answers with is read back, then it is a plain decline', () => {
    expect(sandboxResult('99', 'q1', 'debit')).to.deep.equal({ outcome: 'declined', reason: 'declined', responseCode: '99' });
  });
});
