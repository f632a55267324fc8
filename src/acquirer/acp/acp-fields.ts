/** An ACP message: flat string fields, exactly as signed and sent (no empty values). */
export type AcpFields = Record<string, string>;

/** 5.1.0 signs with SHA-256 (5.0.0 used SHA-1); signMethod 01 = RSA certificate. */
export const ACP_VERSION = '5.1.0';
export const ACP_ENCODING = 'UTF-8';
export const ACP_SIGN_METHOD_RSA = '01';
