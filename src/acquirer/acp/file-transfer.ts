import { inflateSync } from 'node:zlib';
import type { Logger } from 'pino';
import type { AcpClient } from './acp-client';
import { AcpError } from './acp-error';
import { ACP_ENCODING, ACP_SIGN_METHOD_RSA, ACP_VERSION, type AcpFields } from './acp-fields';
import { readZip } from './read-zip';
import { formatTxnTime } from './txn-time';

/**
 * File transfer (txnType 76, 01; bizType 000000; fileType 00 the settlement files) of a settlement date, given as
 * MMDD (docs/reference/unionpay-acp.md §8.6). UnionPay serves it on a host of its own (its SDK's fileTransUrl, e.g.
 * https://filedownload.test.95516.com/), configured as ACQUIRER_FILE_TRANSFER_URL.
 */
export function buildFileTransfer(merId: string, settleDate: string, now: Date): AcpFields {
  if (!/^\d{15}$/.test(merId)) throw new AcpError('acp_field_invalid', 'merId must be 15 digits');
  if (!/^\d{8}$/.test(settleDate)) throw new AcpError('acp_field_invalid', 'settleDate must be YYYYMMDD');
  return {
    version: ACP_VERSION,
    encoding: ACP_ENCODING,
    signMethod: ACP_SIGN_METHOD_RSA,
    txnType: '76',
    txnSubType: '01',
    bizType: '000000',
    accessType: '0',
    merId,
    settleDate: settleDate.slice(4),
    txnTime: formatTxnTime(now),
    fileType: '00',
  };
}

/**
 * The answer's fileContent is base64 of a zlib (deflate) stream of a zip; the zip holds the day's files, among them
 * the transaction detail INN<yymmdd>88ZM_<merId> (not the ZME errors file, nor the RD summary).
 */
export function zmFileOf(fileContent: string, merId: string): { name: string; content: Buffer } | undefined {
  const files = readZip(inflateSync(Buffer.from(fileContent, 'base64')));
  const name = [...files.keys()].find((n) => /(^|\/)INN\d{6}\d{2}ZM_\d{15}$/.test(n) && n.endsWith(`ZM_${merId}`));
  const content = name === undefined ? undefined : files.get(name);
  return name === undefined || content === undefined ? undefined : { name: name.replace(/^.*\//, ''), content };
}

/** Fetches the ZM file of a settlement date: undefined when the acquirer has none or gives no trusted answer. */
export async function fetchZmFile(
  client: AcpClient,
  url: string,
  merId: string,
  settleDate: string,
  now: Date,
  log: Logger,
): Promise<{ name: string; content: Buffer } | undefined> {
  const sent = await client.exchange(url, buildFileTransfer(merId, settleDate, now));
  if (sent.kind !== 'answer') {
    log.warn(
      { settleDate, outcome: sent.kind, why: sent.kind === 'untrusted' ? sent.why : sent.error },
      'file transfer: no trusted answer',
    );
    return undefined;
  }
  const { respCode, fileContent } = sent.fields;
  if (respCode !== '00' || !fileContent) {
    log.warn({ settleDate, respCode }, 'file transfer: no file');
    return undefined;
  }
  const file = zmFileOf(fileContent, merId);
  if (!file) log.warn({ settleDate }, 'file transfer: the zip holds no transaction-detail (ZM) file of this merchant');
  return file;
}
