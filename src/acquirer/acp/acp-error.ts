/** A malformed or unbuildable ACP message. Messages name fields, never their values (card data). */
export class AcpError extends Error {
  constructor(
    readonly code: AcpErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AcpError';
  }
}

export type AcpErrorCode = 'acp_malformed' | 'acp_field_invalid' | 'acp_order_id_invalid';
