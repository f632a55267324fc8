/** One line of the ZM file, read (parse-zm-file.ts): what reconciliation needs of it. No card data but BIN+last4. */
export interface ZmRecord {
  /** 1-based line number in the file, for reports and errors. */
  lineNo: number;
  /** ACP txnType: 01 consume, 31 cancel, 04 refund. */
  txnType: string;
  /** The acquirer's serial of this transaction. */
  queryId: string;
  /** The acquirer orderId it was sent with. */
  orderId: string;
  /** For a cancel or refund: the consume's serial. */
  origQryId: string;
  /** MMDDhhmmss, Beijing: when the acquirer received it. */
  transmissionTime: string;
  /** First 6 and last 4 digits, the rest `*`. */
  cardMasked: string;
  /** Fen. */
  amount: number;
  /** Fen the merchant pays for it (negative when a fee is returned). */
  fee: number;
  /** Fen credited to the merchant (negative when taken back). */
  settleAmount: number;
  merId: string;
}
