import type { KeyObject } from 'node:crypto';
import type { AcpFields } from './acp-fields';
import { decodeAnswer, encodeForm } from './form-codec';
import { postForm } from './post-form';
import { signFields } from './sign-string';
import { verifyAcpMessage, type AcpTrust } from './verify-acp-message';

/**
 * What came of one signed request:
 * - 'not_sent': the acquirer was never reached, so it has nothing;
 * - 'no_answer': it may have the request, but nothing came back in time;
 * - 'untrusted': something came back that we must not believe (not HTTP 200, not an ACP message,
 *   failed chain or signature checks, or about another order) — as good as no answer;
 * - 'answer': verified fields.
 */
export type AcpExchange =
  | { kind: 'not_sent'; error: string }
  | { kind: 'no_answer'; error: string }
  | { kind: 'untrusted'; why: string }
  | { kind: 'answer'; fields: AcpFields };

export interface AcpClientOptions {
  signingKey: KeyObject;
  /** The merchant signing certificate's serial in decimal (certIdOf). */
  signingCertId: string;
  trust: AcpTrust;
  timeoutMs: number;
  now: () => Date;
}

/** Fields an answer must echo unchanged, so an answer about another order is never applied to this one. */
const ECHOED = ['merId', 'orderId', 'txnTime', 'txnType'] as const;

export function createAcpClient(opts: AcpClientOptions) {
  return {
    async exchange(url: string, fields: AcpFields): Promise<AcpExchange> {
      const signed = signFields(fields, opts.signingKey, opts.signingCertId);
      const posted = await postForm(url, encodeForm(signed), opts.timeoutMs);
      if (posted.kind !== 'answered') return posted;
      if (posted.status !== 200) return { kind: 'untrusted', why: `HTTP ${posted.status}` };
      let answer: AcpFields;
      try {
        answer = decodeAnswer(posted.body.trim());
      } catch {
        return { kind: 'untrusted', why: 'not an ACP message' };
      }
      const verdict = verifyAcpMessage(answer, opts.trust, opts.now());
      if (verdict !== 'ok') return { kind: 'untrusted', why: verdict };
      const changed = ECHOED.find((key) => fields[key] !== undefined && answer[key] !== fields[key]);
      if (changed) return { kind: 'untrusted', why: `answer names another ${changed}` };
      if (!answer.respCode) return { kind: 'untrusted', why: 'no respCode' };
      return { kind: 'answer', fields: answer };
    },
  };
}

export type AcpClient = ReturnType<typeof createAcpClient>;
