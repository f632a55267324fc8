import { expect } from 'chai';
import fc from 'fast-check';
import { freeOutboundLines } from '../../src/callback/line-capacity';

describe('callback/line-capacity', () => {
  const lines = { total: 30, maxOutbound: 10, reservedInbound: 5 };

  const table: Array<[number, number, number]> = [
    // inbound, outbound, free
    [0, 0, 10],
    [0, 7, 3],
    [0, 10, 0],
    [5, 0, 10],
    [20, 0, 10],
    [22, 0, 8],
    [25, 3, 2],
    [30, 0, 0],
    [28, 5, 0],
  ];
  for (const [inbound, outbound, free] of table) {
    it(`when ${inbound} inbound and ${outbound} outbound lines are busy of 30 (10 outbound, 5 reserved), then ${free} may start`, () => {
      expect(freeOutboundLines(lines, { inbound, outbound })).to.equal(free);
    });
  }

  it('when anything is in use, then outbound never passes its cap, the reserve, or the trunk', () => {
    fc.assert(
      fc.property(
        fc.nat(50),
        fc.nat(20),
        fc.nat(60),
        fc.nat(60),
        fc.nat(60),
        (maxOutbound, reserved, extra, inbound, outbound) => {
          const total = reserved + extra;
          const free = freeOutboundLines({ total, maxOutbound, reservedInbound: reserved }, { inbound, outbound });
          const after = outbound + free;
          expect(free).to.be.at.least(0);
          if (free > 0) {
            expect(after).to.be.at.most(maxOutbound);
            expect(after + Math.max(reserved, inbound)).to.be.at.most(total);
          }
        },
      ),
    );
  });
});
