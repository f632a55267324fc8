/** Where admin commands write; collected so the CLI core can be tested without a process. */
export interface AdminIo {
  out(text: string): void;
  /** `rows` as a table, or as JSON with `--json`. */
  table<T extends object>(rows: T[], columns: (keyof T & string)[], json: boolean): void;
  json(value: unknown): void;
}
