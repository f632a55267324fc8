import { createPublicKey } from 'node:crypto';
import { expect } from 'chai';
import type { AcpClient, AcpExchange } from '../../../src/acquirer/acp/acp-client';
import type { AcpFields } from '../../../src/acquirer/acp/acp-fields';
import { exchangeZonePinKey } from '../../../src/acquirer/acp/zone-pin-key-exchange';
import type { TestPki } from '../../../src/crypto/test-pki';
import { fixturePki, PKI_NOW } from '../../crypto/pki-fixture';

const MER_ID = '777290058110097';

describe('acquirer/acp/zone-pin-key-exchange', function () {
  this.timeout(30_000);
  let pki: TestPki;
  before(async () => {
    pki = await fixturePki();
  });

  /** A client whose acquirer answers `answer(request)`; the requests are kept. */
  function client(answer: (request: AcpFields) => AcpExchange) {
    const requests: AcpFields[] = [];
    const fake = {
      exchange: (_url: string, fields: AcpFields) => {
        requests.push(fields);
        return Promise.resolve(answer(fields));
      },
    };
    return { fake, requests };
  }

  const exchange = (c: AcpClient) =>
    exchangeZonePinKey(
      c,
      'http://acquirer/zonePinKey.do',
      MER_ID,
      { publicKey: createPublicKey(pki.acquirerEncryption.certPem), certId: 'enc-cert-1', padding: 'oaep' },
      PKI_NOW,
    );

  it('when the acquirer confirms with our key check value, then the new 24-byte key is ours, sent wrapped in a signed-field message', async () => {
    const { fake, requests } = client((request) => ({
      kind: 'answer',
      fields: { respCode: '00', checkValue: request.checkValue },
    }));
    const key = await exchange(fake);
    expect(key).to.have.length(24);
    expect(requests[0]).to.include({ bizType: '000000', merId: MER_ID, encryptCertId: 'enc-cert-1', txnTime: '20260301120000' });
    expect(requests[0].zonePinKey).to.be.a('string').and.not.include(key.toString('hex'));
  });

  it('when the check value differs or the code is not 00, then the key is refused, naming the code', async () => {
    const wrongValue = client(() => ({ kind: 'answer', fields: { respCode: '00', checkValue: '000000' } }));
    await expectRejection(exchange(wrongValue.fake), 'zone PIN key not confirmed by the acquirer (respCode 00)');
    const refused = client((request) => ({ kind: 'answer', fields: { respCode: '06', checkValue: request.checkValue } }));
    await expectRejection(exchange(refused.fake), 'zone PIN key not confirmed by the acquirer (respCode 06)');
  });

  it('when no trusted answer comes, then the exchange fails saying why', async () => {
    await expectRejection(
      exchange(client(() => ({ kind: 'untrusted', why: 'bad_signature' })).fake),
      'zone PIN key exchange failed (bad_signature)',
    );
    await expectRejection(
      exchange(client(() => ({ kind: 'no_answer', error: 'timeout' })).fake),
      'zone PIN key exchange failed (timeout)',
    );
  });
});

async function expectRejection(work: Promise<unknown>, message: string): Promise<void> {
  const err = await work.then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  expect(err?.message).to.equal(message);
}
