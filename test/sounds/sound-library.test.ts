import { expect } from 'chai';
import { greetingSound } from '../../src/call/sound-id';
import { createSoundLibrary } from '../../src/sounds/sound-library';

describe('createSoundLibrary', () => {
  it('when a prompt was recorded, then its recording plays; any other prompt plays the generated file', () => {
    const sounds = createSoundLibrary({
      generatedDir: '/app/sounds',
      recordedDir: '/srv/recorded',
      recorded: ['zh/welcome'],
      greetingsDir: '/data/greetings',
    });

    expect(sounds.file('zh', 'welcome')).to.equal('/srv/recorded/zh/welcome');
    expect(sounds.file('en', 'welcome')).to.equal('/app/sounds/en/welcome');
    expect(sounds.file('zh', 'goodbye')).to.equal('/app/sounds/zh/goodbye');
  });

  it('when there is no recorded folder, then every prompt is the generated one', () => {
    const sounds = createSoundLibrary({ generatedDir: '/app/sounds', greetingsDir: '/data/greetings' });
    expect(sounds.file('en', 'num-7')).to.equal('/app/sounds/en/num-7');
  });

  it("plays a merchant's greeting from its own file, in the greeting's language whatever the call's", () => {
    const sounds = createSoundLibrary({ generatedDir: '/app/sounds', greetingsDir: '/data/greetings' });
    expect(sounds.file('zh', greetingSound('mch_1', 'en'))).to.equal('/data/greetings/mch_1/en');
  });
});
