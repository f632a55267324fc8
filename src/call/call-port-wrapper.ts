import type { CallPort, Collected, CollectOptions, Language, SoundId } from './call-port';

/**
 * A CallPort that passes everything to another: the base of the wrappers that watch or change one part of a call
 * (an agent-assisted capture's progress, the cardholder muted while keying), which override only that part.
 */
export class CallPortWrapper implements CallPort {
  constructor(protected readonly inner: CallPort) {}

  get id(): string {
    return this.inner.id;
  }

  get signal(): AbortSignal {
    return this.inner.signal;
  }

  get language(): Language {
    return this.inner.language;
  }

  set language(language: Language) {
    this.inner.language = language;
  }

  answer(): Promise<void> {
    return this.inner.answer();
  }

  play(prompts: SoundId[]): Promise<void> {
    return this.inner.play(prompts);
  }

  collect(options: CollectOptions): Promise<Collected> {
    return this.inner.collect(options);
  }

  hangup(): Promise<void> {
    return this.inner.hangup();
  }

  handBack(extension: string, variables: Record<string, string>): Promise<void> {
    return this.inner.handBack(extension, variables);
  }
}
