import { X509Certificate } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { issueCertificate, type IssuedCertificate } from './issue-certificate';

/**
 * The sandbox's own PKI, made at first start in an ignored folder: a root and a middle CA (like
 * UnionPay's acp_test_root/acp_test_middle), the acquirer's signing and encryption certificates,
 * and a test merchant's signing certificate. The acquirer's CNs follow UnionPay's
 * `041@<id>@<organisation>@<n>` pattern so the adapter's organisation check is exercised.
 */
export const SANDBOX_ACQUIRER_ORG = 'ivrpay sandbox acquirer';

export interface TestPki {
  root: IssuedCertificate;
  middle: IssuedCertificate;
  acquirerSigning: IssuedCertificate;
  acquirerEncryption: IssuedCertificate;
  merchantSigning: IssuedCertificate;
}

type Part = keyof TestPki;
const PARTS: readonly Part[] = ['root', 'middle', 'acquirerSigning', 'acquirerEncryption', 'merchantSigning'];

/** File names inside the folder: `<part>.crt.pem` (mode 644) and `<part>.key.pem` (mode 600). */
export function testPkiFiles(dir: string, part: Part): { cert: string; key: string } {
  const base = part.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return { cert: path.join(dir, `${base}.crt.pem`), key: path.join(dir, `${base}.key.pem`) };
}

/** Reads the PKI from `dir`, or makes a new one there if any file is missing or any certificate expired. */
export async function loadOrCreateTestPki(dir: string, now: Date): Promise<TestPki> {
  const existing = await readTestPki(dir);
  if (existing && PARTS.every((part) => stillValid(existing[part].certPem, now))) return existing;
  const pki = await createTestPki(now);
  await writeTestPki(dir, pki);
  return pki;
}

export async function createTestPki(now: Date): Promise<TestPki> {
  const notBefore = new Date(now.getTime() - 60 * 60 * 1000);
  const years = (n: number) => new Date(Date.UTC(now.getUTCFullYear() + n, now.getUTCMonth(), now.getUTCDate()));
  const root = await issueCertificate({
    commonName: 'ivrpay sandbox root CA',
    organisation: SANDBOX_ACQUIRER_ORG,
    usage: 'ca',
    notBefore,
    notAfter: years(20),
  });
  const middle = await issueCertificate({
    commonName: 'ivrpay sandbox middle CA',
    organisation: SANDBOX_ACQUIRER_ORG,
    usage: 'ca',
    notBefore,
    notAfter: years(10),
    issuer: root,
  });
  const leaf = (commonName: string, usage: 'signing' | 'encryption', organisation = SANDBOX_ACQUIRER_ORG) =>
    issueCertificate({ commonName, organisation, usage, notBefore, notAfter: years(3), issuer: middle });
  return {
    root,
    middle,
    acquirerSigning: await leaf(`041@Z00000000000000001@${SANDBOX_ACQUIRER_ORG}@00000001`, 'signing'),
    acquirerEncryption: await leaf(`041@Z00000000000000001@${SANDBOX_ACQUIRER_ORG}@00000002`, 'encryption'),
    merchantSigning: await leaf('777290058110097 sandbox merchant', 'signing', 'ivrpay sandbox merchant'),
  };
}

async function readTestPki(dir: string): Promise<TestPki | undefined> {
  const pki: Partial<TestPki> = {};
  for (const part of PARTS) {
    const files = testPkiFiles(dir, part);
    try {
      pki[part] = { certPem: await fs.readFile(files.cert, 'utf8'), keyPem: await fs.readFile(files.key, 'utf8') };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }
  return pki as TestPki;
}

async function writeTestPki(dir: string, pki: TestPki): Promise<void> {
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  for (const part of PARTS) {
    const files = testPkiFiles(dir, part);
    await writePrivate(files.key, pki[part].keyPem);
    await fs.writeFile(files.cert, pki[part].certPem, { mode: 0o644 });
  }
}

/** `mode` applies only when a file is created, so an old key file is removed rather than overwritten. */
async function writePrivate(file: string, content: string): Promise<void> {
  await fs.rm(file, { force: true });
  await fs.writeFile(file, content, { mode: 0o600, flag: 'wx' });
}

function stillValid(certPem: string, now: Date): boolean {
  try {
    return Date.parse(new X509Certificate(certPem).validTo) > now.getTime();
  } catch {
    return false;
  }
}
