import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Development secrets (ARI and softphone passwords of the sandbox Asterisk) generated once per
 * data folder, so none is committed. The sandbox script and the app read the same file.
 */
export interface SandboxSecrets {
  ariPassword: string;
  sipPassword: string;
}

export function loadOrCreateSandboxSecrets(dataDir: string): SandboxSecrets {
  const file = path.join(dataDir, 'sandbox-secrets.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as SandboxSecrets;
  const secrets: SandboxSecrets = {
    ariPassword: randomBytes(18).toString('base64url'),
    sipPassword: randomBytes(9).toString('base64url'),
  };
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: 'wx' });
  return secrets;
}
