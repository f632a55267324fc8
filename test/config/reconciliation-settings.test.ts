import path from 'node:path';
import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../src/config/config';
import { acquirerSettings, type AcquirerEnv } from '../../src/config/acquirer-settings';
import { reconciliationSettings } from '../../src/config/reconciliation-settings';

describe('config/reconciliation-settings', () => {
  it('when nothing is set, then the job runs at 09:30 and the sandbox day is the calendar day; no folder', () => {
    expect(loadConfig({ HOME: '/home/x' }).reconciliation).to.deep.equal({ cron: '30 9 * * *', cutoff: '240000' });
  });

  it('when the acquirer is UnionPay, then its day closes at 23:00 unless RECONCILIATION_CUTOFF says otherwise', () => {
    expect(reconciliationSettings({ RECONCILIATION_CRON: '0 8 * * *' }, 'acp')).to.deep.equal({
      cron: '0 8 * * *',
      cutoff: '230000',
    });
    expect(reconciliationSettings({ RECONCILIATION_CRON: '0 8 * * *', RECONCILIATION_CUTOFF: '22:30' }, 'acp').cutoff).to.equal(
      '223000',
    );
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

  it('when a folder, a schedule and a cut-off are given, then they are read; bad ones are listed together', () => {
    const config = loadConfig({ RECONCILIATION_DIR: 'drop', RECONCILIATION_CRON: '15 10 * * *', RECONCILIATION_CUTOFF: '23:00' });
    expect(config.reconciliation).to.deep.equal({ dir: path.resolve('drop'), cron: '15 10 * * *', cutoff: '230000' });
    let error: unknown;
    try {
      loadConfig({ RECONCILIATION_CRON: 'every day', RECONCILIATION_CUTOFF: '25:00' });
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(ConfigError);
    expect((error as ConfigError).problems).to.deep.equal([
      'RECONCILIATION_CRON: must be a cron expression, e.g. 30 9 * * *',
      'RECONCILIATION_CUTOFF: must be HH:MM, 00:00 to 24:00',
    ]);
  });
});
