/**
 * A reconciliation file refused as a whole: malformed, truncated, for another merchant or another date. Nothing
 * is written when one is thrown (the file is read in full before any write). `lineNo` names the first bad line.
 */
export class ReconciliationFileError extends Error {
  constructor(
    message: string,
    readonly lineNo?: number,
  ) {
    super(lineNo === undefined ? message : `line ${lineNo}: ${message}`);
    this.name = 'ReconciliationFileError';
  }
}
