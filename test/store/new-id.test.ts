import { expect } from 'chai';
import { newId } from '../../src/store/new-id';

describe('store/new-id', () => {
  it('when ids are made, then each is the prefix and 20 hex digits (80 bits)', () => {
    expect(newId('ord')).to.match(/^ord_[0-9a-f]{20}$/);
    expect(newId('rfd')).to.match(/^rfd_[0-9a-f]{20}$/);
  });

  it('when many more ids are made than one draw of random bytes holds, then none repeats and all digits occur', () => {
    const ids = Array.from({ length: 5000 }, () => newId('x'));

    expect(new Set(ids).size).to.equal(ids.length);
    expect(new Set(ids.join('').replace(/x_/g, ''))).to.have.property('size', 16);
  });
});
