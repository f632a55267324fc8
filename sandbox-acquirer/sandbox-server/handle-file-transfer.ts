import { deflateSync } from 'node:zlib';
import type { AcpFields } from '../../src/acquirer/acp/acp-fields';
import { zmFileName } from '../../src/reconciliation/zm-layout';
import { answer, type GatewayContext, type GatewayReply } from './gateway-context';
import { reconciliationFile } from './reconciliation-file';
import { writeZip } from './write-zip';

/**
 * File transfer (76, fileType 00) as UnionPay answers it (docs/reference/unionpay-acp.md §8.6): the settlement
 * date's zip, deflated, base64 in fileContent, holding the transaction-detail file INN<yymmdd>88ZM_<merId> and a
 * one-line summary (the RD file's role). settleDate is MMDD: the year is the request's, or the one before when that
 * day is still to come.
 */
export function handleFileTransfer(fields: AcpFields, ctx: GatewayContext): GatewayReply {
  const merId = fields.merId ?? '';
  const mmdd = fields.settleDate ?? '';
  const txnTime = fields.txnTime ?? '';
  if (!/^\d{15}$/.test(merId) || !/^\d{4}$/.test(mmdd) || !/^\d{14}$/.test(txnTime) || fields.fileType !== '00')
    return answer(fields, '13');
  const year = Number(txnTime.slice(0, 4)) - (mmdd > txnTime.slice(4, 8) ? 1 : 0);
  const settleDate = `${year}${mmdd}`;
  const zm = reconciliationFile(ctx.ledger.entries(), settleDate, { merId });
  const zip = writeZip({
    [zmFileName(settleDate, merId)]: Buffer.from(zm, 'latin1'),
    [`RD${settleDate.slice(2)}88_${merId}`]: Buffer.from(`${merId} ${settleDate} ${zm.split('\n').length - 1} transactions\n`),
  });
  return answer(fields, '00', {
    settleDate: mmdd,
    fileType: '00',
    fileName: `${merId}_${settleDate}.zip`,
    fileContent: deflateSync(zip).toString('base64'),
  });
}
