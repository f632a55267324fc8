import { expect } from 'chai';
import fc from 'fast-check';
import { AcpError } from '../../../src/acquirer/acp/acp-error';
import { isAcpOrderId, toAcpOrderId } from '../../../src/acquirer/acp/acp-order-id';

describe('ACP orderId', () => {
  it('when our order id is ord_ + 20 hex and the attempt is 2, then the ACP id drops the _ and ends in 002', () => {
    expect(toAcpOrderId('ord_5f0c1a2b3c4d5e6f7a8b', 2)).to.equal('ord5f0c1a2b3c4d5e6f7a8b002');
  });

  it('when any of our ids and attempts are converted, then the result is a valid ACP orderId and distinct pairs give distinct ids', () => {
    const ourId = fc.stringMatching(/^[0-9a-f]{20}$/).map((hex) => `ord_${hex}`);
    fc.assert(
      fc.property(ourId, ourId, fc.integer({ min: 1, max: 999 }), fc.integer({ min: 1, max: 999 }), (a, b, i, j) => {
        const x = toAcpOrderId(a, i);
        expect(isAcpOrderId(x)).to.equal(true);
        if (a !== b || i !== j) expect(x).not.to.equal(toAcpOrderId(b, j));
      }),
    );
  });

  it('when the attempt is out of 1–999 or the result would be too short or too long, then it is refused', () => {
    for (const attempt of [0, 1000, 1.5]) {
      expect(() => toAcpOrderId('ord_5f0c1a2b3c4d5e6f7a8b', attempt), String(attempt))
        .to.throw(AcpError, /attempt number/)
        .with.property('code', 'acp_order_id_invalid');
    }
    for (const ourId of ['a_b', 'x'.repeat(30)]) {
      expect(() => toAcpOrderId(ourId, 1), ourId)
        .to.throw(AcpError, /orderId/)
        .with.property('code', 'acp_order_id_invalid');
    }
  });

  it('when checking ACP ids, then only 8–32 letters and digits pass', () => {
    expect(['abcd1234', 'A'.repeat(32)].every(isAcpOrderId)).to.equal(true);
    expect(['abc1234', 'A'.repeat(33), 'abcd-1234', 'abcd_1234'].some(isAcpOrderId)).to.equal(false);
  });
});
