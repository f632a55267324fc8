import path from 'node:path';
import type { Language, SoundId } from '../call/call-port';
import { PROMPT_IDS } from '../call/prompt-manifest';
import { parseGreetingSound } from '../call/sound-id';
import { SOUND_LANGUAGES } from './recording-spec';

/** Where each sound is: the file Asterisk plays, without extension (Asterisk picks the format itself). */
export interface SoundLibrary {
  file(language: Language, id: SoundId): string;
}

export interface SoundFolders {
  /** make-sounds' output: every prompt, in `<lang>/<id>.{wav,ulaw,alaw}`. */
  generatedDir: string;
  /** SOUNDS_DIR when it is another folder, with `recorded` the `lang/id` it has a file for. */
  recordedDir?: string;
  recorded?: Iterable<string>;
  /** Merchants' greetings, `<merchantId>/<lang>.wav` (src/services/merchant-greetings.ts). */
  greetingsDir: string;
}

/**
 * Resolved once, at start: a recorded prompt replaces the generated one of the same id and language, whatever
 * formats the generated one has, since the path names the recording's own folder.
 */
export function createSoundLibrary(folders: SoundFolders): SoundLibrary {
  const recorded = new Set(folders.recorded ?? []);
  const files = new Map<string, string>();
  for (const lang of SOUND_LANGUAGES) {
    for (const id of PROMPT_IDS) {
      const key = `${lang}/${id}`;
      const dir = folders.recordedDir !== undefined && recorded.has(key) ? folders.recordedDir : folders.generatedDir;
      files.set(key, path.join(dir, lang, id));
    }
  }
  return {
    file(language, id) {
      const greeting = parseGreetingSound(id);
      if (greeting) return path.join(folders.greetingsDir, greeting.merchantId, greeting.language);
      const file = files.get(`${language}/${id}`);
      if (file === undefined) throw new Error(`no sound ${language}/${id}`);
      return file;
    },
  };
}
