import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import fc from 'fast-check';
import { ConfigError, loadConfig } from '../../src/config/config';
import { fuzz, fuzzTimeout } from './fuzz-settings';

const FILE = 'test/fuzz/config.fuzz.test.ts';

/**
 * The keys come from .env.example, which documents every setting loadConfig reads: a key added there is fuzzed
 * without touching this file. HOME and XDG_CACHE_HOME are read for the default cache folder.
 */
const KEYS = [
  ...new Set(
    [...fs.readFileSync(path.resolve(__dirname, '..', '..', '.env.example'), 'utf8').matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map(
      (m) => m[1],
    ),
  ),
  'HOME',
  'XDG_CACHE_HOME',
];

/** Values an operator could plausibly type, next to pure noise: the plausible ones get past zod into the cross-checks. */
const value = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer().map(String),
  fc.double().map(String),
  fc.constantFrom('', ' ', '0', '-1', '1e309', 'NaN', 'true', 'false', 'yes', 'off', 'acp', 'sandbox', 'http', 'tdea'),
  fc.constantFrom('http://127.0.0.1:8088/', 'https://x', 'ftp://x', 'http://', '23:00', '24:00', '0 2 * * *', '/tmp', '.', '\0'),
  fc.stringMatching(/^\d{1,16}$/),
  fc.uint8Array({ minLength: 0, maxLength: 48 }).map((b) => Buffer.from(b).toString('base64')),
);

const env = fc.dictionary(fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...KEYS) }, fc.string({ maxLength: 12 })), value, {
  maxKeys: 12,
});

describe('fuzz: loadConfig', function () {
  this.timeout(fuzzTimeout(2));

  it('when .env.example is read, then it names the settings to fuzz', () => {
    expect(KEYS).to.include.members(['HTTP_PORT', 'ACQUIRER', 'SECRETS_KEY', 'CALLBACK_ENDPOINT']);
  });

  const name = 'when the environment holds arbitrary values for its keys, then a config or a ConfigError listing problems';
  it(name, async () => {
    await fuzz(
      FILE,
      name,
      fc.property(env, (vars) => {
        let result: unknown;
        try {
          result = loadConfig(vars);
        } catch (err) {
          // Anything else (a TypeError from a missed case, a file read error) would crash startup with a stack trace.
          expect(err, String(err)).to.be.instanceOf(ConfigError);
          const problems = (err as ConfigError).problems;
          expect(problems).to.be.an('array').with.length.above(0);
          for (const p of problems) expect(p).to.be.a('string').with.length.above(0);
          return;
        }
        expect(result).to.have.nested.property('http.port').that.is.a('number');
      }),
    );
  });
});
