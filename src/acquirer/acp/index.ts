/**
 * The ACP adapter's entry: the rest of src sees the acquirer through AcquirerPort, and uses this
 * folder only to build the adapter (start-acquirer.ts). Everything else in acp/ is its inside.
 */
export { createAcpAcquirer, type AcpAcquirer, type AcpAcquirerOptions } from './acp-acquirer';
export type { AcpTrust } from './verify-acp-message';
