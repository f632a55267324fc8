import { expect } from 'chai';
import { hashPassword, verifyNothing, verifyPassword } from '../../src/console/password-hash';

describe('console/password-hash: scrypt with its salt and parameters', () => {
  it('when a password is hashed twice, then the salts differ and each verifies it, and only it', async () => {
    const [a, b] = [await hashPassword('correct horse battery'), await hashPassword('correct horse battery')];
    expect(a).not.to.equal(b);
    expect(await verifyPassword('correct horse battery', a)).to.equal(true);
    expect(await verifyPassword('correct horse battery', b)).to.equal(true);
    expect(await verifyPassword('correct horse batterY', a)).to.equal(false);
    expect(await verifyPassword('', a)).to.equal(false);
  });

  it('when the hash was made with other parameters, then they are read from it', async () => {
    // The stored parameters, not the current ones, decide: a later raise of the cost keeps old hashes working.
    const old = await hashPassword('x'.repeat(12));
    const [, , r, p, salt, key] = old.split('$');
    expect(await verifyPassword('x'.repeat(12), ['scrypt', 16384, r, p, salt, key].join('$'))).to.equal(false);
  });

  it('when the stored text is not a hash it knows, then false, not an error', async () => {
    for (const stored of ['', 'plain', 'bcrypt$1$2$3$a$b', 'scrypt$x$8$1$AAAA$AAAA', 'scrypt$16384$8$1$$']) {
      expect(await verifyPassword('anything', stored), stored).to.equal(false);
    }
    expect(await verifyNothing('anything')).to.equal(false);
  });
});
