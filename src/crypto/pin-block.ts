import { timingSafeEqual } from 'node:crypto';
import { CryptoError } from './crypto-error';

/**
 * ISO 9564 format 0 (ANSI X9.8) PIN block: (0, PIN length, PIN digits, F padding) XOR
 * (0000, the 12 rightmost PAN digits before the check digit). Inputs are ASCII digit buffers so the
 * caller can wipe them; every intermediate buffer made here is zeroed before returning.
 * The XOR protects nothing (anyone with the PAN reverses it): encrypt the block at once.
 */
export function buildPinBlock(pan: Buffer, pin: Buffer): Buffer {
  if (!allDigits(pin, 4, 12)) throw new CryptoError('invalid_pin', 'PIN must be 4 to 12 digits');
  if (!allDigits(pan, 13, 19)) throw new CryptoError('invalid_pan', 'PAN must be 13 to 19 digits');

  const pinNibbles = Buffer.alloc(16, 0xf);
  pinNibbles[0] = 0;
  pinNibbles[1] = pin.length;
  for (let i = 0; i < pin.length; i++) pinNibbles[2 + i] = pin[i] - 0x30;

  const panNibbles = Buffer.alloc(16, 0);
  const first = pan.length - 13;
  for (let i = 0; i < 12; i++) panNibbles[4 + i] = pan[first + i] - 0x30;

  const block = Buffer.alloc(8);
  for (let i = 0; i < 8; i++) {
    const high = pinNibbles[2 * i] ^ panNibbles[2 * i];
    const low = pinNibbles[2 * i + 1] ^ panNibbles[2 * i + 1];
    block[i] = (high << 4) | low;
  }
  pinNibbles.fill(0);
  panNibbles.fill(0);
  return block;
}

/**
 * For the sandbox acquirer: does a clear PIN block carry `expectedPin` for this PAN? Compares whole
 * blocks in constant time, so the acquirer side never needs to decode a PIN out of a block.
 */
export function pinBlockMatches(block: Buffer, pan: Buffer, expectedPin: Buffer): boolean {
  if (block.length !== 8) return false;
  let expected: Buffer;
  try {
    expected = buildPinBlock(pan, expectedPin);
  } catch (err) {
    if (err instanceof CryptoError) return false;
    throw err;
  }
  const same = timingSafeEqual(block, expected);
  expected.fill(0);
  return same;
}

function allDigits(buf: Buffer, min: number, max: number): boolean {
  if (buf.length < min || buf.length > max) return false;
  for (const byte of buf) if (byte < 0x30 || byte > 0x39) return false;
  return true;
}
