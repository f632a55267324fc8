import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { checkAsteriskSeesSounds } from '../../../scripts/bench/lib/asterisk-sounds';
import { UsageError } from '../../../scripts/bench/lib/usage-error';

describe('scripts/bench/lib/asterisk-sounds', () => {
  let sounds: string;
  beforeEach(() => {
    sounds = fs.mkdtempSync(path.join(os.tmpdir(), 'ivrpay-sounds-'));
  });
  afterEach(() => fs.rmSync(sounds, { recursive: true, force: true }));

  it('when the process sees the prompts at that path, then the check passes', () => {
    fs.mkdirSync(path.join(sounds, 'zh'));
    fs.writeFileSync(path.join(sounds, 'zh', 'welcome.alaw'), '');
    expect(() => checkAsteriskSeesSounds(process.pid, sounds)).not.to.throw();
  });

  it('when the process cannot see them there, then a UsageError names the folder and the way out', () => {
    expect(() => checkAsteriskSeesSounds(process.pid, sounds)).to.throw(
      UsageError,
      /cannot read the prompts in .*set SOUNDS_DIR/,
    );
  });
});
