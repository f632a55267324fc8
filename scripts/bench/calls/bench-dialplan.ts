import fs from 'node:fs';
import path from 'node:path';
import type { Client } from 'ari-client';
import type { Config } from '../../../src/config/config';
import { loadOrCreateSandboxSecrets } from '../../../src/config/sandbox-secrets';
import { renderAsteriskConfig, sandboxValues } from '../../asterisk/asterisk-config';
import { APP_CONTEXT, DIALPLAN_CONTEXT } from './call-plan';

const TEMPLATE_DIR = path.resolve(__dirname, '..', '..', '..', 'dialplan');

/**
 * Makes sure the running sandbox Asterisk knows the benchmark's contexts. A sandbox started before
 * they were added gets its extensions.conf rendered again and the dialplan reloaded: calls in
 * progress are not touched, and nothing else is restarted.
 */
export async function ensureBenchDialplan(client: Client, config: Config): Promise<'present' | 'reloaded'> {
  const rendered = path.join(config.dataDir, 'asterisk', 'etc', 'extensions.conf');
  const hasContexts = (text: string) => text.includes(`[${APP_CONTEXT}]`) && text.includes(`[${DIALPLAN_CONTEXT}]`);
  if (!fs.existsSync(rendered)) {
    throw new Error(
      `${rendered} not found: bench:calls needs the sandbox Asterisk, or the contexts ${APP_CONTEXT} and ${DIALPLAN_CONTEXT} of dialplan/extensions.conf in yours`,
    );
  }
  if (hasContexts(fs.readFileSync(rendered, 'utf8'))) return 'present';
  const text = renderAsteriskConfig(TEMPLATE_DIR, sandboxValues(config, loadOrCreateSandboxSecrets(config.dataDir))).get(
    'extensions.conf',
  );
  if (!text || !hasContexts(text))
    throw new Error(`dialplan/extensions.conf lacks the contexts ${APP_CONTEXT} and ${DIALPLAN_CONTEXT}`);
  fs.writeFileSync(rendered, text);
  await client.asterisk.reloadModule({ moduleName: 'pbx_config' });
  return 'reloaded';
}
