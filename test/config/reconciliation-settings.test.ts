import path from 'node:path';
import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../src/config/config';
import { acquirerSettings, type AcquirerEnv } from '../../src/config/acquirer-settings';
import { reconciliationSettings } from '../../src/config/reconciliation-settings';

describe('config/reconciliation-settings', () => {
  it('when nothing is set, then the job runs at 09:30, with no folder', () => {
    expect(loadConfig({ HOME: '/home/x' }).reconciliation).to.deep.equal({ cron: '30 9 * * *' });
    expect(reconciliationSettings({ RECONCILIATION_CRON: '0 8 * * *' })).to.deep.equal({ cron: '0 8 * * *' });
  });

  it('when UnionPay’s file-transfer host is configured, then the acp adapter fetches the file there; the sandbox ignores it', () => {
    const env: AcquirerEnv = {
      ACQUIRER: 'acp',
      ACQUIRER_TIMEOUT_MS: 30_000,
      ACQUIRER_MERCHANT_ID: '777290058110097',
      ACQUIRER_CERT_ORGANISATION: 'x',
      ACQUIRER_PIN_MODE: 'rsa',
      ACQUIRER_SMS_CODE: 'off',
      SANDBOX_ACQUIRER_PORT: 3001,
      ACQUIRER_CUT_OFF: '23:00',
      ACQUIRER_FILE_TRANSFER_URL: 'https://filedownload.test.95516.com/',
    };
    expect(acquirerSettings(env, 3000).fileTransferUrl).to.equal('https://filedownload.test.95516.com/');
    expect(acquirerSettings({ ...env, ACQUIRER: 'sandbox' }, 3000).fileTransferUrl).to.equal(undefined);
  });

  it('when a folder and a schedule are given, then they are read; bad ones are listed together', () => {
    const config = loadConfig({ RECONCILIATION_DIR: 'drop', RECONCILIATION_CRON: '15 10 * * *' });
    expect(config.reconciliation).to.deep.equal({ dir: path.resolve('drop'), cron: '15 10 * * *' });
    let error: unknown;
    try {
      loadConfig({ RECONCILIATION_CRON: 'every day', ACQUIRER_CUT_OFF: '25:00' });
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(ConfigError);
    expect((error as ConfigError).problems).to.deep.equal([
      'ACQUIRER_CUT_OFF: must be HH:MM, Beijing time (00:00 to 23:59)',
      'RECONCILIATION_CRON: must be a cron expression, e.g. 30 9 * * *',
    ]);
  });
});
