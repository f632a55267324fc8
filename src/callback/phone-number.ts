import { AppError } from '../domain/app-error';
import { areaCodeOf } from '../domain/area-code';

/** A mainland mobile: `national` is the 11 digits, 1[3-9]xxxxxxxxx. */
export interface MobileNumber {
  kind: 'mobile';
  national: string;
}

/** A mainland landline: `national` is '0' + area code + local number, e.g. '02112345678'. */
export interface LandlineNumber {
  kind: 'landline';
  /** With its trunk 0: '010', '021', '0755'. */
  areaCode: string;
  /** 7 or 8 digits, never starting with 0 or 1. */
  local: string;
  national: string;
}

export type PhoneNumber = MobileNumber | LandlineNumber;

export type PhoneProblem = 'phone_invalid' | 'phone_international';

export type PhoneParseResult = { ok: true; phone: PhoneNumber } | { ok: false; problem: PhoneProblem; message: string };

/**
 * A validation error the HTTP layer already maps (code `validation_failed`, field `phone`), with the precise
 * `problem` for callers that want it. Messages never echo the input: a merchant may paste a card number by mistake.
 */
export class PhoneNumberError extends AppError {
  constructor(
    readonly problem: PhoneProblem,
    message: string,
  ) {
    super('validation_failed', message, { phone: message });
    this.name = 'PhoneNumberError';
  }
}

const MAX_INPUT_LENGTH = 32;
const SEPARATORS = /[\s\-().]/g;
const MOBILE = /^1[3-9]\d{9}$/;
const LOCAL_NUMBER = /^[2-9]\d{6,7}$/;

/**
 * Parses a number given by a merchant for a callback: a mobile or a landline with its area code,
 * optionally written with +86, 0086 or 86. Every other country is refused (`phone_international`).
 */
export function parsePhoneNumber(input: string): PhoneParseResult {
  if (input.length > MAX_INPUT_LENGTH) return invalid('phone is too long');
  const compact = input.trim().replace(SEPARATORS, '');
  if (compact === '') return invalid('phone is required');
  if (!/^\+?\d+$/.test(compact)) {
    return invalid('phone may contain only digits, a leading +, spaces, hyphens and parentheses');
  }
  const split = splitPrefix(compact);
  if (split === 'international') {
    return { ok: false, problem: 'phone_international', message: 'only mainland China (+86) numbers can be called' };
  }
  const { significant, hadPrefix } = split;
  if (MOBILE.test(significant)) return { ok: true, phone: { kind: 'mobile', national: significant } };
  if (significant.startsWith('1') && !significant.startsWith('10')) {
    return invalid('a mobile number has 11 digits: 1, then 3 to 9, then 9 digits');
  }
  if (!hadPrefix) return invalid('a landline needs its area code with the leading 0, e.g. 021 12345678');
  return landline('0' + significant);
}

/** As parsePhoneNumber, throwing PhoneNumberError: for order creation. */
export function requirePhoneNumber(input: string): PhoneNumber {
  const parsed = parsePhoneNumber(input);
  if (!parsed.ok) throw new PhoneNumberError(parsed.problem, parsed.message);
  return parsed.phone;
}

/**
 * Strips the country code (+86, 0086, 86) or the trunk 0, leaving the national significant number.
 * "+86 (0)21 …" is common in signatures, so one 0 after the country code is dropped too.
 * A bare leading 86 is safe to strip because a national number starts with 0 or 1.
 */
function splitPrefix(compact: string): { significant: string; hadPrefix: boolean } | 'international' {
  const country = /^(\+86|0086|86)(.*)$/.exec(compact);
  if (country) return { significant: country[2].replace(/^0/, ''), hadPrefix: true };
  if (compact.startsWith('+') || compact.startsWith('00')) return 'international';
  if (compact.startsWith('0')) return { significant: compact.slice(1), hadPrefix: true };
  return { significant: compact, hadPrefix: false };
}

function landline(national: string): PhoneParseResult {
  const areaCode = areaCodeOf(national);
  if (areaCode === undefined) return invalid('unknown area code');
  const local = national.slice(areaCode.length);
  if (!LOCAL_NUMBER.test(local)) {
    return invalid('a local landline number has 7 or 8 digits after the area code and does not start with 0 or 1');
  }
  return { ok: true, phone: { kind: 'landline', areaCode, local, national } };
}

function invalid(message: string): PhoneParseResult {
  return { ok: false, problem: 'phone_invalid', message };
}
