import { createCardFingerprint } from '../../src/crypto/card-fingerprint';

/** The card fingerprint of tests: a fixed key, so fingerprints can be compared across services. */
export const testCardFingerprint = createCardFingerprint(Buffer.alloc(32, 7));
