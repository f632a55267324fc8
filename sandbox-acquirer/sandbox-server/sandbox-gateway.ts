import { ACP_SIGN_METHOD_RSA, ACP_VERSION, type AcpFields } from '../../src/acquirer/acp/acp-fields';
import { verifyFields } from '../../src/acquirer/acp/sign-string';
import { answer, type GatewayContext, type GatewayReply } from './gateway-context';
import { handleConsume } from './handle-consume';
import { handleFileTransfer } from './handle-file-transfer';
import { handleQuery } from './handle-query';
import { handleReversal } from './handle-reversal';
import { handleSmsCode } from './handle-sms-code';
import { handleZonePinKey } from './handle-zone-pin-key';

/** Where the sandbox serves ACP (the same paths as UnionPay's gateway) and the ivrpay key exchange. */
export const SANDBOX_PATHS = {
  backTrans: '/gateway/api/backTransReq.do',
  query: '/gateway/api/queryTrans.do',
  zonePinKey: '/gateway/api/zonePinKey.do',
  fileTransfer: '/gateway/api/fileTransRequest.do',
} as const;

/**
 * The sandbox acquirer without HTTP: checks that a request is signed by the merchant certificate the
 * sandbox issued (else 11, as UnionPay answers a bad signature), then hands it to its transaction.
 */
export function handleGatewayRequest(path: string, fields: AcpFields, ctx: GatewayContext): GatewayReply {
  if (fields.version !== ACP_VERSION || fields.signMethod !== ACP_SIGN_METHOD_RSA) return answer(fields, '13');
  if (fields.certId !== ctx.keys.merchantCertId || !verifyFields(fields, ctx.keys.merchantCertPem)) return answer(fields, '11');
  if (path === SANDBOX_PATHS.query) return fields.txnType === '00' ? handleQuery(fields, ctx) : answer(fields, '13');
  if (path === SANDBOX_PATHS.zonePinKey) return handleZonePinKey(fields, ctx);
  if (path === SANDBOX_PATHS.fileTransfer)
    return fields.txnType === '76' ? handleFileTransfer(fields, ctx) : answer(fields, '13');
  switch (fields.txnType) {
    case '01':
      return handleConsume(fields, ctx);
    case '77':
      return handleSmsCode(fields, ctx);
    case '31':
    case '04':
      return handleReversal(fields, ctx);
    default:
      return answer(fields, '13');
  }
}
