import type { AcpFields } from '../../src/acquirer/acp/acp-fields';
import type { DecisionPolicy, PinTries } from '../sandbox-decision';
import type { LedgerEntry, SandboxLedger } from '../sandbox-ledger';
import type { SandboxKeys } from './sandbox-keys';

/** What the gateway's handlers share: keys, the ledger and the sandbox's memory of this run. */
export interface GatewayContext {
  keys: SandboxKeys;
  ledger: SandboxLedger;
  pinTries: PinTries;
  policy: DecisionPolicy;
  /** Per merId, the zone PIN key last exchanged. */
  zonePinKeys: Map<string, Buffer>;
  /** SMS codes sent, by smsKey(). */
  smsSent: Set<string>;
  /** Consume requests received per orderId, duplicates included: what fault tests count. */
  consumes: Map<string, number>;
  /** How long a 'slow_answer' card's answer is held. */
  slowAnswerMs: number;
  now: () => Date;
  /** Sends the notifications of a successful transaction to backUrl. */
  notify(entry: LedgerEntry, backUrl: string): void;
}

/** HTTP 200 with these (unsigned) fields after `delayMs`, or the front end refusing the request. */
export type GatewayReply = { kind: 'answer'; fields: AcpFields; delayMs?: number } | { kind: 'refuse' };

export function smsKey(fields: AcpFields): string {
  return [fields.merId, fields.orderId, fields.txnTime, fields.txnAmt].join('|');
}

const MESSAGES: Record<string, string> = {
  '00': 'success',
  '03': 'issuer timeout, query later',
  '11': 'signature verification failed',
  '12': 'duplicate transaction',
  '13': 'missing or invalid element',
  '33': 'amount over limit',
  '34': 'no such transaction',
  '39': 'outside the acceptance hours (after the cut-off)',
  '71': 'SMS code check failed',
};

/** The request's identifying fields echoed, as ACP answers do, plus the code. */
export function answer(request: AcpFields, respCode: string, extra: AcpFields = {}): GatewayReply {
  const fields: AcpFields = {};
  for (const key of [
    'version',
    'encoding',
    'signMethod',
    'txnType',
    'txnSubType',
    'bizType',
    'accessType',
    'merId',
    'orderId',
    'txnTime',
    'txnAmt',
    'currencyCode',
    'reqReserved',
  ]) {
    if (request[key]) fields[key] = request[key];
  }
  return { kind: 'answer', fields: { ...fields, respCode, respMsg: MESSAGES[respCode] ?? 'declined by the issuer', ...extra } };
}
