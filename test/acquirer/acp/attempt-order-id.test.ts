import { expect } from 'chai';
import { AcpError } from '../../../src/acquirer/acp/acp-error';
import { isAcpOrderId } from '../../../src/acquirer/acp/acp-order-id';
import { acpOrderIdOf, reqReservedOf } from '../../../src/acquirer/acp/attempt-order-id';

describe('acpOrderIdOf', () => {
  it('when an attempt id of ours is given, then the orderId is it without _ and -, a valid ACP orderId, the same every time', () => {
    const id = acpOrderIdOf('att_5f0c1a2b3c4d5e6f7a8b-12');
    expect(id).to.equal('att5f0c1a2b3c4d5e6f7a8b12');
    expect(isAcpOrderId(id)).to.equal(true);
    expect(acpOrderIdOf('att_5f0c1a2b3c4d5e6f7a8b-12')).to.equal(id);
  });

  it('when the attempt id cannot make 8–32 letters and digits, then AcpError', () => {
    for (const attemptId of ['a-1', `att_${'f'.repeat(40)}-1`]) {
      expect(() => acpOrderIdOf(attemptId), attemptId)
        .to.throw(AcpError, /orderId/)
        .with.property('code', 'acp_order_id_invalid');
    }
  });

  it('when reqReserved is made, then only ids free of characters ACP would need escaped are echoed', () => {
    expect(reqReservedOf('att_5f0c-1')).to.equal('att_5f0c-1');
    expect(reqReservedOf('a&b')).to.equal(undefined);
  });
});
