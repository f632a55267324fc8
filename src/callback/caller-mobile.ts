import { maskPhone } from '../sms/sms-port';
import { parsePhoneNumber } from './phone-number';

export type CallerIdProblem = 'caller_id_withheld' | 'caller_id_not_mobile';

/** `masked` (e.g. 138****5678) is all of the number a log may show. */
export type CallerMobile = { ok: true; mobile: string; masked: string } | { ok: false; reason: CallerIdProblem; masked?: string };

/** What may separate the digits of a caller ID, as in phone-number.ts. */
const SEPARATORS = /[\s\-().]/g;

/**
 * The mainland mobile an inbound call came from, read from its caller ID with the rules of phone-number.ts
 * (+86, 0086, 86 or a trunk 0 before the 11 digits). Anything but digits (empty, 'anonymous', 'unknown', a SIP
 * URI) is a withheld caller ID; digits that are a landline, a foreign number or no number at all are not a mobile.
 */
export function callerMobile(callerId: string | undefined): CallerMobile {
  const compact = (callerId ?? '').trim().replace(SEPARATORS, '');
  if (!/^\+?\d+$/.test(compact)) return { ok: false, reason: 'caller_id_withheld' };
  const parsed = parsePhoneNumber(compact);
  if (!parsed.ok || parsed.phone.kind !== 'mobile') {
    return { ok: false, reason: 'caller_id_not_mobile', masked: maskPhone(parsed.ok ? parsed.phone.national : compact) };
  }
  return { ok: true, mobile: parsed.phone.national, masked: maskPhone(parsed.phone.national) };
}
