/**
 * The ACP adapter's entry: the rest of src sees the acquirer through AcquirerPort, and uses this
 * folder only to build the adapter (start-acquirer.ts), and the composition root for the adapter's rule naming an
 * attempt's transaction, which reconciliation matches the acquirer's file by. Everything else in acp/ is its inside.
 */
export { acpOrderIdOf } from './attempt-order-id';
export { createAcpAcquirer, type AcpAcquirer, type AcpAcquirerOptions } from './acp-acquirer';
export type { AcpTrust } from './verify-acp-message';
