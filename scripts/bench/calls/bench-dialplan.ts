import fs from 'node:fs';
import path from 'node:path';
import type { Client } from 'ari-client';
import type { Config } from '../../../src/config/config';
import { loadOrCreateSandboxSecrets } from '../../../src/config/sandbox-secrets';
import { renderAsteriskConfig, resolvedDialplan, SANDBOX_DIALPLAN, sandboxValues } from '../../asterisk/asterisk-config';
import { APP_CONTEXT, CLUSTER_CONTEXT, DIALPLAN_CONTEXT } from './call-plan';

const TEMPLATE_DIR = path.resolve(__dirname, '..', '..', '..', 'dialplan');

/**
 * Makes sure the running sandbox Asterisk knows the benchmark's contexts. A sandbox started before
 * they were added gets its dialplan files (extensions.conf and what it includes) rendered again and
 * the dialplan reloaded: calls in progress are not touched, and nothing else is restarted.
 */
export async function ensureBenchDialplan(client: Client, config: Config): Promise<'present' | 'reloaded'> {
  const etc = path.join(config.dataDir, 'asterisk', 'etc');
  const hasContexts = (text: string) =>
    [APP_CONTEXT, DIALPLAN_CONTEXT, CLUSTER_CONTEXT].every((context) => text.includes(`[${context}]`));
  if (!fs.existsSync(path.join(etc, 'extensions.conf'))) {
    throw new Error(
      `${etc}/extensions.conf not found: bench:calls needs the sandbox Asterisk, or the contexts ${APP_CONTEXT}, ${DIALPLAN_CONTEXT} and ${CLUSTER_CONTEXT} of dialplan/sandbox/extensions-bench.conf in yours`,
    );
  }
  const readRendered = (name: string) =>
    fs.existsSync(path.join(etc, name)) ? fs.readFileSync(path.join(etc, name), 'utf8') : undefined;
  if (hasContexts(resolvedDialplan(readRendered))) return 'present';
  const files = renderAsteriskConfig(TEMPLATE_DIR, sandboxValues(config, loadOrCreateSandboxSecrets(config.dataDir)));
  if (!hasContexts(resolvedDialplan((name) => files.get(name))))
    throw new Error(
      `dialplan/sandbox/extensions-bench.conf lacks the contexts ${APP_CONTEXT}, ${DIALPLAN_CONTEXT} or ${CLUSTER_CONTEXT}`,
    );
  for (const name of ['extensions.conf', ...SANDBOX_DIALPLAN]) fs.writeFileSync(path.join(etc, name), files.get(name) ?? '');
  await client.asterisk.reloadModule({ moduleName: 'pbx_config' });
  return 'reloaded';
}
