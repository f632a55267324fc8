import { AppError } from '../domain/app-error';
import { validAreaCode } from '../domain/area-code';
import { lookupSegment, type SegmentTable } from './number-segments';
import type { PhoneNumber } from './phone-number';

/** How the outbound trunk reaches numbers: its own city (本地) and everything else (外地). */
export interface DialRules {
  /** The trunk's city, with its 0: '021'. */
  homeAreaCode: string;
  /** Some landline trunks need 0 + 11 digits for a mobile registered in another city; confirm with the carrier. */
  mobileNeedsZeroOutOfArea: boolean;
  segments: SegmentTable;
}

export interface DialString {
  /** The digits to send to the trunk. */
  digits: string;
  /**
   * The trunk needs a 0 for out-of-area mobiles but this mobile's segment is not in the table, so it is dialled
   * as 11 digits, which fails if it is in fact out of area. Worth logging: the table needs an update.
   */
  segmentUnknown: boolean;
}

/**
 * The digits to dial: a landline in the home area as its local number, in another area as 0 + area code +
 * local number; a mobile as its 11 digits, with a leading 0 when the trunk needs it and the segment table
 * puts the mobile outside the home area.
 */
export function dialString(phone: PhoneNumber, rules: DialRules): DialString {
  if (!validAreaCode(rules.homeAreaCode)) {
    throw new AppError('config_invalid', 'home area code must be a mainland area code with its 0, e.g. 021');
  }
  if (phone.kind === 'landline') {
    const digits = phone.areaCode === rules.homeAreaCode ? phone.local : phone.national;
    return { digits, segmentUnknown: false };
  }
  if (!rules.mobileNeedsZeroOutOfArea) return { digits: phone.national, segmentUnknown: false };
  const mobileArea = lookupSegment(rules.segments, phone.national);
  if (mobileArea === undefined) return { digits: phone.national, segmentUnknown: true };
  const digits = mobileArea === rules.homeAreaCode ? phone.national : '0' + phone.national;
  return { digits, segmentUnknown: false };
}
