import { expect } from 'chai';
import { assignServers, freeLinesByServer, totalOf } from '../../src/callback/server-lines';

const LINES = { total: 30, maxOutbound: 10, reservedInbound: 5 };
const up = (server: string, inbound = 0) => ({ server, connected: true, inbound });

describe('callback/server-lines', () => {
  it("when two servers are up, then each has its own trunk's free lines, less the calls every node has placed there", () => {
    const free = freeLinesByServer(LINES, [up('a:8088'), up('b:8088', 24)], new Map([['a:8088', 3]]), new Map());
    // a: 10 outbound cap, 3 in use; b: 30 lines - 24 inbound = 6.
    expect([...free]).to.deep.equal([
      ['a:8088', 7],
      ['b:8088', 6],
    ]);
    expect(totalOf(free)).to.equal(13);
  });

  it('when a server is not connected, then it gets no line at all', () => {
    const free = freeLinesByServer(
      LINES,
      [up('a:8088'), { server: 'b:8088', connected: false, inbound: 0 }],
      new Map(),
      new Map(),
    );
    expect([...free.keys()]).to.deep.equal(['a:8088']);
  });

  it('when rows name no server (placed before servers were named), then they count against the first server', () => {
    const free = freeLinesByServer(LINES, [up('a:8088'), up('b:8088')], new Map([[null, 4]]), new Map());
    expect(free.get('a:8088')).to.equal(6);
    expect(free.get('b:8088')).to.equal(10);
  });

  it("when this node's own calls on a server outnumber the store's count (a lease lost mid-call), then its own count holds", () => {
    const free = freeLinesByServer(LINES, [up('a:8088')], new Map([['a:8088', 1]]), new Map([['a:8088', 8]]));
    expect(free.get('a:8088')).to.equal(2);
  });

  it('when calls are assigned, then each goes to the server with the most free lines left, and none beyond them', () => {
    const chosen = assignServers(
      6,
      new Map([
        ['a:8088', 1],
        ['b:8088', 3],
      ]),
    );
    expect(chosen).to.deep.equal(['b:8088', 'b:8088', 'a:8088', 'b:8088']);
  });
});
