import { execFile } from 'node:child_process';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config/config';
import { findProjectRoot } from '../config/project-root';

const projectRoot = findProjectRoot();

/** True when ARI answers its ping with these credentials. */
export async function ariReachable(url: string, user: string, password: string, timeoutMs = 2000): Promise<boolean> {
  try {
    const res = await fetch(`${url}/ari/asterisk/ping`, {
      headers: { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * With ASTERISK_SANDBOX=auto and no Asterisk answering, starts the project's sandbox Asterisk
 * (provisioned on first use, see scripts/asterisk-sandbox). Production sets it to `off`.
 */
export async function ensureAsterisk(config: Config, password: string, log: Logger): Promise<void> {
  if (await ariReachable(config.ari.url, config.ari.user, password)) return;
  if (config.asterisk.sandbox === 'off') {
    log.warn({ url: config.ari.url }, 'Asterisk ARI is not answering; the app keeps trying to connect');
    return;
  }
  log.info('no Asterisk answering: starting the sandbox Asterisk (first run provisions it, about a minute)');
  await new Promise<void>((resolve, reject) => {
    const child = execFile(
      'bash',
      [path.join(projectRoot, 'scripts', 'asterisk-sandbox'), 'start'],
      {
        env: { ...process.env, DATA_DIR: config.dataDir },
        maxBuffer: 16 * 1024 * 1024,
        timeout: 20 * 60_000,
      },
      (error, _stdout, stderr) => {
        if (error) reject(new Error(`sandbox Asterisk did not start: ${stderr.trim().split('\n').slice(-5).join(' | ')}`));
        else resolve();
      },
    );
    child.stdout?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  });
}
