import { parseSegmentTable, type SegmentTable } from './number-segments';

/**
 * A SAMPLE segment table: a few dozen illustrative entries for the main cities, so the sandbox and the tests
 * can dial without a data file. It is not authoritative; production loads a full, current table
 * (parseSegmentTable). 1355253 covers the sandbox holder's mobile 13552535506.
 */
export const SAMPLE_SEGMENT_CSV = `# segment,areaCode (sample, not authoritative)
segment,areaCode
1355253,010
1380100,010
1391012,010
1861001,010
1331102,010
1381600,021
1391710,021
1356406,021
1860216,021
1330170,021
1380240,020
1392212,020
1380013,0755
1392336,0755
1371366,0755
1382287,022
1390230,023
1384002,024
1395160,025
1397108,027
1380800,028
1399115,029
1385719,0571
1396000,0592
1397311,0731
1397440,0744
1380883,0871
1399900,0991
1500101,010
1521621,021
1589922,0755
1771000,010
1890213,021
1991001,010
`;

/** A fresh copy of the sample table (a new Map each call, so no caller can alter another's). */
export function sampleSegmentTable(): SegmentTable {
  return parseSegmentTable(SAMPLE_SEGMENT_CSV);
}
