import fs from 'node:fs';
import type { CallbackSettings } from '../config/callback-settings';
import { AppError } from '../domain/app-error';
import type { DialRules } from './dial-string';
import { parseSegmentTable } from './number-segments';
import { sampleSegmentTable } from './sample-segments';

/**
 * The dialling rules from the settings: the home area code, the trunk's out-of-area mobile rule, and the segment
 * table from CALLBACK_SEGMENTS_FILE (a full table, `config_invalid` listing bad lines) or else the small sample.
 */
export function loadDialRules(
  settings: Pick<CallbackSettings, 'homeAreaCode' | 'mobileZeroOutOfArea' | 'segmentsFile'>,
): DialRules {
  let segments = sampleSegmentTable();
  if (settings.segmentsFile) {
    let text: string;
    try {
      text = fs.readFileSync(settings.segmentsFile, 'utf8');
    } catch {
      throw new AppError('config_invalid', `CALLBACK_SEGMENTS_FILE: cannot read ${settings.segmentsFile}`);
    }
    segments = parseSegmentTable(text);
  }
  return { homeAreaCode: settings.homeAreaCode, mobileNeedsZeroOutOfArea: settings.mobileZeroOutOfArea, segments };
}
