import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../src/config/config';
import type { SandboxSecrets } from '../../src/config/sandbox-secrets';

/** Stasis app name of the test suite's own app instance (context ivrpay-inbound-test, dialplan/sandbox/). */
export const ARI_TEST_APP = 'ivrpay-test';

/**
 * The Stasis apps of the two nodes of the cluster tests (test/cluster): the test contexts try them after, or before,
 * ARI_TEST_APP, as a production dialplan tries every node's app (IVRPAY_APPS, dialplan/extensions.conf).
 */
export const ARI_TEST_NODE_APPS = ['ivrpay-test-node-a', 'ivrpay-test-node-b'];

/** Stasis app of the simulated cardholder answering the test phones (context ivrpay-test-phones, dialplan/sandbox/). */
export const TEST_PHONE_APP = 'ivrpay-test-phone';

/** Stasis app of the agent-assisted test's recorder of what the agent hears (context ivrpay-agent-desk-test). */
export const TEST_AGENT_APP = 'ivrpay-test-agent';

/** The values the sandbox Asterisk is configured with, all taken from the app's own config. */
export interface SandboxValues {
  asteriskDir: string;
  cacheDir: string;
  soundsDir: string;
  /**
   * Folders Asterisk reads prompts from, mounted read-only into the chroot: SOUNDS_DIR, the generated prompts a
   * recorded SOUNDS_DIR falls back to, and the merchants' recorded greetings (no duplicates).
   */
  readOnlyDirs: string[];
  ariPort: number;
  ariUser: string;
  ariPassword: string;
  ariApp: string;
  /** Every node's app on this Asterisk (ARI_APPS): the inbound contexts try them in turn. */
  ariApps: string[];
  sipPort: number;
  sipPassword: string;
}

const TEMPLATES = [
  'asterisk.conf',
  'modules.conf',
  'logger.conf',
  'http.conf',
  'ari.conf',
  'rtp.conf',
  'pjsip.conf',
  'extensions.conf',
  'indications.conf',
];

/**
 * The sandbox's own contexts (the test suite's, the benchmark's), in dialplan/sandbox/: rendered
 * beside extensions.conf and #included by the sandbox's copy of it only, so dialplan/extensions.conf
 * itself stays the production dialplan.
 */
export const SANDBOX_DIALPLAN = ['extensions-tests.conf', 'extensions-bench.conf'];

/** Configs Asterisk complains about when absent; empty ones keep its start-up log clean. */
const EMPTY = [
  'acl.conf',
  'ccss.conf',
  'cel.conf',
  'features.conf',
  'pjproject.conf',
  'stasis.conf',
  'udptl.conf',
  'websocket_client.conf',
];

/** Files holding a password: readable by their owner only. */
const SECRET = new Set(['ari.conf', 'pjsip.conf']);

export const ASTERISK_SUBDIRS = ['etc', 'log', 'run', 'spool', 'lib', 'db', 'cache', 'keys'];

export function sandboxValues(config: Config, secrets: SandboxSecrets): SandboxValues {
  const url = new URL(config.ari.url);
  if (url.protocol !== 'http:' || !['127.0.0.1', 'localhost'].includes(url.hostname)) {
    // The sandbox serves plain HTTP on loopback only; a remote or TLS ARI is not ours to configure.
    throw new Error(
      `ARI_URL must be http://127.0.0.1:<port> for the sandbox Asterisk (got ${config.ari.url}); set ASTERISK_SANDBOX=off for another Asterisk`,
    );
  }
  return {
    asteriskDir: path.join(config.dataDir, 'asterisk'),
    cacheDir: config.asterisk.cacheDir,
    soundsDir: config.soundsDir,
    readOnlyDirs: [...new Set([config.soundsDir, config.generatedSoundsDir, config.greetingsDir])],
    ariPort: Number(url.port || 80),
    ariUser: config.ari.user,
    ariPassword: config.ari.password ?? secrets.ariPassword,
    ariApp: config.ari.app,
    ariApps: config.ari.apps,
    sipPort: config.asterisk.sipPort,
    sipPassword: secrets.sipPassword,
  };
}

function checkConfValue(name: string, value: string, pattern: RegExp): string {
  // A newline, ';' or ']' would end the value early or open a new section in Asterisk's config syntax.
  if (!pattern.test(value)) throw new Error(`${name} cannot be used in an Asterisk config file`);
  return value;
}

function placeholders(v: SandboxValues): Record<string, string> {
  const word = /^[A-Za-z0-9_.-]+$/;
  const secret = /^[^\s;\\[\]"]+$/;
  const dir = /^\/[^\s;]*$/;
  return {
    ASTERISK_DIR: checkConfValue('DATA_DIR', v.asteriskDir, dir),
    SOUNDS_DIR: checkConfValue('SOUNDS_DIR', v.soundsDir, dir),
    ARI_PORT: String(v.ariPort),
    ARI_USER: checkConfValue('ARI_USER', v.ariUser, word),
    ARI_PASSWORD: checkConfValue('ARI_PASSWORD', v.ariPassword, secret),
    ARI_APP: checkConfValue('ARI_APP', v.ariApp, word),
    // Separated by &, as the dialplan's list (a comma would split the Gosub's arguments).
    ARI_APPS: v.ariApps.map((app) => checkConfValue('ARI_APPS', app, word)).join('&'),
    ARI_TEST_APP,
    ARI_TEST_APPS: [ARI_TEST_APP, ...ARI_TEST_NODE_APPS].join('&'),
    TEST_PHONE_APP,
    TEST_AGENT_APP,
    SIP_PORT: String(v.sipPort),
    SIP_PASSWORD: checkConfValue('sipPassword', v.sipPassword, secret),
  };
}

export function renderTemplate(name: string, text: string, values: Record<string, string>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`${name}: unknown placeholder {{${key}}}`);
    return value;
  });
}

/** Every file of the sandbox's etc folder, by name, rendered from the templates in `templateDir`. */
export function renderAsteriskConfig(templateDir: string, values: SandboxValues): Map<string, string> {
  const vars = placeholders(values);
  const files = new Map<string, string>();
  const render = (name: string, file: string) => renderTemplate(name, fs.readFileSync(file, 'utf8'), vars);
  for (const name of TEMPLATES) files.set(name, render(name, path.join(templateDir, name)));
  for (const name of SANDBOX_DIALPLAN) files.set(name, render(name, path.join(templateDir, 'sandbox', name)));
  const includes = SANDBOX_DIALPLAN.map((name) => `#include "${name}"\n`).join('');
  files.set(
    'extensions.conf',
    `${files.get('extensions.conf') ?? ''}\n; The sandbox's own contexts (dialplan/sandbox/)\n${includes}`,
  );
  for (const name of EMPTY) files.set(name, '; intentionally empty (silences a start-up error)\n');
  files.set('cdr.conf', '; No call records: nothing a caller keys should ever reach a CDR backend\n[general]\nenable = no\n');
  files.set('manager.conf', '; AMI stays off: the app uses ARI only\n[general]\nenabled = no\n');
  return files;
}

/** The dialplan Asterisk reads: extensions.conf with each `#include "<file>"` replaced by that file (empty if missing). */
export function resolvedDialplan(read: (name: string) => string | undefined): string {
  return (read('extensions.conf') ?? '').replace(/^#include "([^"]+)"$/gm, (_, name: string) => read(name) ?? '');
}

/** Replaces the etc folder's contents and creates the other folders asterisk.conf points to. */
export function writeAsteriskConfig(asteriskDir: string, files: Map<string, string>): void {
  for (const sub of ASTERISK_SUBDIRS) fs.mkdirSync(path.join(asteriskDir, sub), { recursive: true, mode: 0o700 });
  const etc = path.join(asteriskDir, 'etc');
  // Stale files from an older version of the templates must not linger in the generated config.
  for (const old of fs.readdirSync(etc)) fs.rmSync(path.join(etc, old), { force: true });
  for (const [name, text] of files) {
    fs.writeFileSync(path.join(etc, name), text, { mode: SECRET.has(name) ? 0o600 : 0o644 });
  }
}
