/** Test-only inverse of buildPinBlock: production code never decodes a PIN (the sandbox compares blocks). */
export function decodePinBlock(block: Buffer, pan: string): string {
  const panField = Buffer.from(`0000${pan.slice(-13, -1)}`, 'hex');
  const pinField = Buffer.alloc(8);
  for (let i = 0; i < 8; i++) pinField[i] = block[i] ^ panField[i];
  const hex = pinField.toString('hex').toUpperCase();
  if (hex[0] !== '0') throw new Error('not format 0');
  const length = parseInt(hex[1], 16);
  const pin = hex.slice(2, 2 + length);
  if (!/^\d+$/.test(pin) || hex.slice(2 + length) !== 'F'.repeat(14 - length)) throw new Error('bad PIN field');
  return pin;
}
