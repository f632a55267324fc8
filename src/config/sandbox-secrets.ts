import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Development secrets (ARI and softphone passwords of the sandbox Asterisk, the PostgreSQL sandbox's password)
 * generated once per data folder, so none is committed. The sandbox scripts and the app read the same file.
 */
export interface SandboxSecrets {
  ariPassword: string;
  sipPassword: string;
  /** Password of the database user `ivrpay` of scripts/postgres-sandbox. */
  postgresPassword: string;
}

export const SANDBOX_SECRETS_FILE = 'sandbox-secrets.json';

export function loadOrCreateSandboxSecrets(dataDir: string): SandboxSecrets {
  const file = path.join(dataDir, SANDBOX_SECRETS_FILE);
  if (!fs.existsSync(file)) {
    const secrets = generate({});
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: 'wx' });
    return secrets;
  }
  const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<SandboxSecrets>;
  const secrets = generate(stored);
  if (Object.keys(secrets).every((key) => key in stored)) return secrets;
  // A file from before a secret existed: the passwords already in use stay, the new one is added. Written
  // beside and renamed over, so a reader never sees half a file.
  const next = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(next, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: 'wx' });
  fs.renameSync(next, file);
  return secrets;
}

/** The stored secrets, with those missing generated. */
function generate(stored: Partial<SandboxSecrets>): SandboxSecrets {
  return {
    ariPassword: stored.ariPassword ?? randomBytes(18).toString('base64url'),
    sipPassword: stored.sipPassword ?? randomBytes(9).toString('base64url'),
    postgresPassword: stored.postgresPassword ?? randomBytes(18).toString('base64url'),
  };
}
