export interface ProgressBar {
  update(done: number, total: number): void;
  /** Ends the bar's line, so what follows starts on a fresh one. */
  finish(): void;
}

/**
 * A one-line bar redrawn in place with `\r`, for bulk commands on a terminal:
 * `retrying [##########----------] 12/24`. Only for a TTY; piped output gets none.
 */
export function createProgressBar(out: { write(text: string): unknown }, label: string, width = 30): ProgressBar {
  let drawn = false;
  return {
    update(done, total) {
      const ratio = total <= 0 ? 1 : Math.min(1, Math.max(0, done / total));
      const filled = Math.round(ratio * width);
      out.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`);
      drawn = true;
    },
    finish() {
      if (drawn) out.write('\n');
      drawn = false;
    },
  };
}
