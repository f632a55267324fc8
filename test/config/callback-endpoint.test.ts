import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../src/config/config';

describe('config: where callbacks are dialled', () => {
  it('when nothing is set, then callbacks ring the sandbox test phones with the trunk’s own caller ID', () => {
    const { callback } = loadConfig({});
    expect(callback.endpoint).to.equal('Local/{dial}@ivrpay-test-phones');
    expect(callback).to.not.have.property('callerId');
  });

  it('when a trunk endpoint and a caller ID are set, then both are used', () => {
    const { callback } = loadConfig({ CALLBACK_ENDPOINT: 'PJSIP/{dial}@carrier', CALLBACK_CALLER_ID: '"Shop" <4008205588>' });
    expect(callback).to.include({ endpoint: 'PJSIP/{dial}@carrier', callerId: '"Shop" <4008205588>' });
  });

  it('when the endpoint lacks {dial} or has no technology, then start-up lists the problem', () => {
    for (const endpoint of ['PJSIP/13800000001@carrier', '{dial}@carrier', 'PJSIP/{dial},x']) {
      expect(() => loadConfig({ CALLBACK_ENDPOINT: endpoint }), endpoint).to.throw(ConfigError, /CALLBACK_ENDPOINT/);
    }
  });
});
