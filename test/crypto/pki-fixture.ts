import { createTestPki, type TestPki } from '../../src/crypto/test-pki';

/** The instant the shared fixture PKI is made for; tests verify at this instant too. */
export const PKI_NOW = new Date('2026-03-01T04:00:00Z');

const cache = new Map<string, Promise<TestPki>>();

/** A test PKI per name, made once per test run (generation takes about a second). */
export function fixturePki(name = 'main'): Promise<TestPki> {
  let pki = cache.get(name);
  if (!pki) {
    pki = createTestPki(PKI_NOW);
    cache.set(name, pki);
  }
  return pki;
}
