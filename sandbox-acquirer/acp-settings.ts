import { SANDBOX_ACQUIRER_ORG, testPkiFiles } from '../src/crypto/test-pki';
import { SANDBOX_PATHS } from './sandbox-server/sandbox-gateway';

/**
 * The settings that point an ivrpay at a running sandbox acquirer as at a real one (ACQUIRER=acp over HTTP, the
 * merchant keys and certificates of the sandbox's PKI in `pkiDir`): what `npm run sandbox-acquirer` prints, and what
 * bench:calls, `npm run cluster` and the cluster tests give their nodes. `notifyUrl` is the node's own
 * /acquirer/notify (port 0: the port the node binds).
 */
export function acpSettings(url: string, pkiDir: string, notifyUrl: string): Record<string, string> {
  const file = (part: Parameters<typeof testPkiFiles>[1]) => testPkiFiles(pkiDir, part);
  return {
    ACQUIRER: 'acp',
    ACQUIRER_URL: url,
    ACQUIRER_FILE_TRANSFER_URL: url + SANDBOX_PATHS.fileTransfer,
    ACQUIRER_SIGN_KEY_FILE: file('merchantSigning').key,
    ACQUIRER_SIGN_CERT_FILE: file('merchantSigning').cert,
    ACQUIRER_ENCRYPT_CERT_FILE: file('acquirerEncryption').cert,
    ACQUIRER_ROOT_CERT_FILE: file('root').cert,
    ACQUIRER_MIDDLE_CERT_FILE: file('middle').cert,
    ACQUIRER_CERT_ORGANISATION: SANDBOX_ACQUIRER_ORG,
    ACQUIRER_ENCRYPTION_PADDING: 'oaep',
    ACQUIRER_NOTIFY_URL: notifyUrl,
  };
}
