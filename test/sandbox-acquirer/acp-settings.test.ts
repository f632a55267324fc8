import path from 'node:path';
import { expect } from 'chai';
import { acpSettings } from '../../sandbox-acquirer/acp-settings';
import { loadConfig } from '../../src/config/config';
import { loadOrCreateTestPki } from '../../src/crypto/test-pki';
import { testOutputFile } from '../helpers/test-output';

describe('sandbox-acquirer/acpSettings', () => {
  it('when a node is pointed at a running sandbox acquirer, then its settings are a valid acp configuration', async function () {
    this.timeout(30_000);
    const pki = path.join(testOutputFile('acp-settings'), 'pki');
    await loadOrCreateTestPki(pki, new Date());
    const settings = acpSettings('http://127.0.0.1:3002', pki, 'http://127.0.0.1:0/acquirer/notify');
    expect(settings).to.include({
      ACQUIRER: 'acp',
      ACQUIRER_URL: 'http://127.0.0.1:3002',
      ACQUIRER_ENCRYPTION_PADDING: 'oaep',
      ACQUIRER_NOTIFY_URL: 'http://127.0.0.1:0/acquirer/notify',
    });
    const config = loadConfig(settings);
    expect(config.acquirer.kind).to.equal('acp');
  });
});
