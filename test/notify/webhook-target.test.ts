import { expect } from 'chai';
import { type Lookup, webhookTargetCheck } from '../../src/notify/webhook-target';

describe('notify/webhook-target', () => {
  const resolvesTo =
    (...addresses: string[]): Lookup =>
    () =>
      Promise.resolve(addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
  const strict = (lookup: Lookup = resolvesTo('203.0.113.10')) => webhookTargetCheck({ allowPrivateNetworks: false, lookup });

  it('when the host is a public address or resolves only to public ones, then the notification may go', async () => {
    expect(await strict()('https://shop.example/notify')).to.equal(undefined);
    expect(await strict()('https://8.8.8.8/notify')).to.equal(undefined);
    expect(await strict(resolvesTo('2606:4700::1111'))('https://shop.example/n')).to.equal(undefined);
  });

  for (const address of [
    '127.0.0.1',
    '10.1.2.3',
    '172.20.0.5',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
  ]) {
    it(`when the URL names ${address} itself, then it is refused`, async () => {
      expect(await strict()(`http://${address}:8088/ari`)).to.match(
        new RegExp(`resolves to ${address.replace(/\./g, '\\.')}, not a public address`),
      );
    });
  }

  for (const address of ['::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1']) {
    it(`when the URL names the IPv6 address ${address}, then it is refused`, async () => {
      expect(await strict()(`http://[${address}]/hook`)).to.match(/not a public address/);
    });
  }

  it('when a name resolves to a public and a private address, then it is refused (either could be used)', async () => {
    expect(await strict(resolvesTo('203.0.113.10', '10.0.0.7'))('https://internal.shop.example/')).to.match(
      /resolves to 10\.0\.0\.7/,
    );
  });

  it('when the name does not resolve, then it is refused with the resolver’s code', async () => {
    const failing: Lookup = () =>
      Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.invalid'), { code: 'ENOTFOUND' }));
    expect(await strict(failing)('https://nowhere.invalid/')).to.equal("cannot resolve the notifyUrl's host (ENOTFOUND)");
  });

  it('when private networks are allowed, then loopback and LAN addresses may be used', async () => {
    const open = webhookTargetCheck({ allowPrivateNetworks: true, lookup: resolvesTo('10.0.0.7') });
    expect(await open('http://127.0.0.1:9999/hook')).to.equal(undefined);
    expect(await open('http://lan-shop/hook')).to.equal(undefined);
  });
});
