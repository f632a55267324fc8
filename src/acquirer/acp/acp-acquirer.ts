import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import type { Logger } from 'pino';
import type { CardData } from '../../call/card-data';
import type { PaymentResult } from '../../call/payment-result';
import type { PendingPayment } from '../../call/pending-payment';
import { certIdOf } from '../../crypto/certificates';
import type { RsaPadding } from '../../crypto/rsa';
import { errorSummary } from '../../log/error-summary';
import type { AcquirerPort, AttemptRef, NotificationVerdict, PaymentRequest, QueryResult, SmsCodeResult } from '../acquirer-port';
import { acquirerNotificationOf } from './acquirer-notification';
import { createAcpClient, type AcpExchange } from './acp-client';
import { AcpError } from './acp-error';
import { acpOrderIdOf, reqReservedOf } from './attempt-order-id';
import type { CardSecurity } from './card-fields';
import type { CustomerInfoMode } from './customer-info';
import { buildConsume, buildQuery, buildSmsCodeRequest, type AcpMerchant } from './messages';
import { parseNotification } from './parse-notification';
import type { PinProtection } from './pin-encryption';
import { consumeAnswerResult, messageRejected, queryResult, reasonFor } from './port-results';
import { queryReversalOrder, sendReversal, sendReversalOrder, type ReversalInput, type ReversalResult } from './reversal';
import { formatTxnTime } from './txn-time';
import type { AcpTrust } from './verify-acp-message';
import { exchangeZonePinKey } from './zone-pin-key-exchange';
import { fetchZmFile } from './file-transfer';

export interface AcpAcquirerOptions {
  /**
   * Full URLs: backTransReq.do, queryTrans.do, for pinMode 'tdea' without a zonePinKey the key exchange, and for
   * the daily reconciliation file the file-transfer URL (absent: reconciliationFile finds nothing).
   */
  endpoints: { backTrans: string; query: string; zonePinKey?: string; fileTransfer?: string };
  /** 15 digits, issued by the acquirer; a notification for another merchant is not ours to apply. */
  merchantId: string;
  /** The merchant signing key (PKCS#8 PEM or a KeyObject); UnionPay's .pfx must be converted once. */
  signingKey: KeyObject | string;
  /** Decimal serial of the merchant signing certificate (certIdOf). */
  signingCertId: string;
  /** The acquirer's encryption certificate (PEM): accNo, PIN block and encryptedInfo go under it. */
  encryptionCert: string;
  /** 'pkcs1' for UnionPay; 'oaep' for the bundled sandbox (see src/crypto/rsa.ts). */
  encryptionPadding: RsaPadding;
  /** Whose signatures answers and notifications must carry. */
  trust: AcpTrust;
  pinMode: 'rsa' | 'tdea';
  /** A zone PIN key agreed out of band; absent with 'tdea': one is exchanged at the first payment. */
  zonePinKey?: Buffer;
  customerInfoMode?: CustomerInfoMode;
  /** Our notification endpoint, sent as backUrl. */
  backUrl: string;
  timeoutMs: number;
  /** Whether the merchant's field set wants an SMS code for this card. Default: never. */
  smsCodeRequired?: (card: Pick<CardData, 'pan' | 'kind'>) => boolean;
  now: () => Date;
  log: Logger;
}

export interface AcpAcquirer extends AcquirerPort {
  smsCodeRequired(card: Pick<CardData, 'pan' | 'kind'>): boolean;
  requestSmsCode(request: PaymentRequest): Promise<SmsCodeResult>;
  /** Same-day cancel (31) of an approved consume. */
  cancel(input: ReversalInput): Promise<ReversalResult>;
  /** Refund (04) of a settled consume. */
  refund(input: ReversalInput): Promise<ReversalResult>;
  reconciliationFile(settleDate: string): Promise<{ name: string; content: Buffer } | undefined>;
}

/**
 * The acquirer port over UnionPay ACP 5.1.0 back-end messages (form-encoded, SHA256withRSA
 * signatures, RSA-encrypted card fields). Each consume is sent once; anything short of a verified,
 * final answer is `pending`, for query to resolve. Logs carry order ids and codes, never card data.
 */
export function createAcpAcquirer(opts: AcpAcquirerOptions): AcpAcquirer {
  const log = opts.log.child({ component: 'acp-acquirer' });
  const merchant: AcpMerchant = { merId: opts.merchantId, backUrl: opts.backUrl };
  const encryption = {
    publicKey: new X509Certificate(opts.encryptionCert).publicKey,
    certId: certIdOf(opts.encryptionCert),
    padding: opts.encryptionPadding,
  };
  const client = createAcpClient({
    signingKey: typeof opts.signingKey === 'string' ? createPrivateKey(opts.signingKey) : opts.signingKey,
    signingCertId: opts.signingCertId,
    trust: opts.trust,
    timeoutMs: opts.timeoutMs,
    now: opts.now,
  });
  if (opts.pinMode === 'tdea' && !opts.zonePinKey && !opts.endpoints.zonePinKey) {
    throw new Error('pinMode tdea needs a zonePinKey or a zonePinKey endpoint to exchange one');
  }
  let zonePinKey: Promise<Buffer> | undefined = opts.zonePinKey ? Promise.resolve(opts.zonePinKey) : undefined;

  async function pinProtection(): Promise<PinProtection> {
    if (opts.pinMode === 'rsa') return { kind: 'rsa' };
    if (!zonePinKey) {
      zonePinKey = exchangeZonePinKey(client, opts.endpoints.zonePinKey ?? '', opts.merchantId, encryption, opts.now());
      // A failed exchange is tried again at the next payment.
      zonePinKey.catch(() => {
        zonePinKey = undefined;
      });
    }
    return { kind: 'tdea', zonePinKey: await zonePinKey };
  }

  async function security(): Promise<CardSecurity> {
    return { encryption, pinProtection: await pinProtection(), customerInfoMode: opts.customerInfoMode ?? 'encrypted' };
  }

  function untrusted(acpOrderId: string, sent: Exclude<AcpExchange, { kind: 'answer' }>, what: string): void {
    const why = sent.kind === 'untrusted' ? sent.why : sent.error;
    log.warn({ acpOrderId, outcome: sent.kind, why }, `${what}: no trusted answer`);
  }

  return {
    async pay(request): Promise<PaymentResult | PendingPayment> {
      const ref = { orderId: acpOrderIdOf(request.attemptId), txnTime: request.txnTime };
      let cardSecurity: CardSecurity;
      try {
        cardSecurity = await security();
      } catch (err) {
        log.error({ acpOrderId: ref.orderId, err: errorSummary(err) }, 'consume not sent: no zone PIN key');
        return { outcome: 'unavailable' };
      }
      const fields = buildConsume(
        merchant,
        {
          ...ref,
          amountFen: request.amount,
          card: request.card,
          holder: request.holder,
          reqReserved: reqReservedOf(request.attemptId),
        },
        cardSecurity,
      );
      const sent = await client.exchange(opts.endpoints.backTrans, fields);
      if (sent.kind === 'not_sent') {
        log.warn({ acpOrderId: ref.orderId, error: sent.error }, 'consume not sent: acquirer unreachable');
        return { outcome: 'unavailable' };
      }
      if (sent.kind !== 'answer') {
        untrusted(ref.orderId, sent, 'consume');
        return { outcome: 'pending' };
      }
      const { respCode, queryId } = sent.fields;
      const result = consumeAnswerResult(respCode, queryId, request.card.kind);
      if (result.outcome === 'unavailable')
        log.error({ acpOrderId: ref.orderId, respCode }, 'acquirer refused the consume message: check the configuration');
      else log.info({ acpOrderId: ref.orderId, respCode, outcome: result.outcome }, 'consume answered');
      return result;
    },

    async query(attempt: AttemptRef): Promise<QueryResult> {
      const ref = { orderId: acpOrderIdOf(attempt.attemptId), txnTime: attempt.txnTime };
      const sent = await client.exchange(opts.endpoints.query, buildQuery(merchant, ref));
      if (sent.kind !== 'answer') {
        untrusted(ref.orderId, sent, 'query');
        return { outcome: 'pending' };
      }
      const { respCode, origRespCode, queryId } = sent.fields;
      const result = queryResult(respCode, origRespCode, queryId, attempt.cardKind);
      log.info({ acpOrderId: ref.orderId, respCode, origRespCode, outcome: result.outcome }, 'query answered');
      return result;
    },

    txnTimeOf: formatTxnTime,

    parseNotification(body): NotificationVerdict {
      const verdict = parseNotification(body, { trust: opts.trust, merchantId: opts.merchantId, now: opts.now() });
      return verdict.ok ? { ok: true, notification: acquirerNotificationOf(verdict.notification) } : verdict;
    },

    smsCodeRequired(card) {
      return opts.smsCodeRequired?.(card) ?? false;
    },

    async requestSmsCode(request): Promise<SmsCodeResult> {
      const mobile = request.holder.mobile;
      if (!mobile) throw new AcpError('acp_field_invalid', 'an SMS code request needs the holder mobile');
      const ref = { orderId: acpOrderIdOf(request.attemptId), txnTime: request.txnTime };
      // No PIN goes with an SMS request, so no zone PIN key is needed for it.
      const smsSecurity: CardSecurity = {
        encryption,
        pinProtection: { kind: 'rsa' },
        customerInfoMode: opts.customerInfoMode ?? 'encrypted',
      };
      const fields = buildSmsCodeRequest(
        merchant,
        { ...ref, amountFen: request.amount, pan: request.card.pan, mobile },
        smsSecurity,
      );
      const sent = await client.exchange(opts.endpoints.backTrans, fields);
      if (sent.kind !== 'answer') {
        untrusted(ref.orderId, sent, 'SMS code request');
        return { ok: false, reason: 'unavailable' };
      }
      const code = sent.fields.respCode;
      log.info({ acpOrderId: ref.orderId, respCode: code }, 'SMS code request answered');
      if (code === '00') return { ok: true };
      return { ok: false, reason: messageRejected(code) ? 'unavailable' : reasonFor(code, request.card.kind) };
    },

    reversalOrderIdOf: acpOrderIdOf,

    reverse: (request) =>
      sendReversalOrder(
        client,
        opts.endpoints.backTrans,
        merchant,
        request.kind === 'cancel' ? '31' : '04',
        {
          orderId: request.acquirerOrderId,
          txnTime: request.txnTime,
          amountFen: request.amount,
          origQryId: request.origAcquirerRef,
        },
        log,
      ),

    queryReversal: (ref) =>
      queryReversalOrder(client, opts.endpoints.query, merchant, { orderId: ref.acquirerOrderId, txnTime: ref.txnTime }, log),

    cancel: (input) => sendReversal(client, opts.endpoints.backTrans, merchant, '31', input, log),
    refund: (input) => sendReversal(client, opts.endpoints.backTrans, merchant, '04', input, log),

    async reconciliationFile(settleDate) {
      if (!opts.endpoints.fileTransfer) return undefined;
      return fetchZmFile(client, opts.endpoints.fileTransfer, opts.merchantId, settleDate, opts.now(), log);
    },
  };
}
