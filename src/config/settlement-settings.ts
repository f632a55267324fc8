/** Settlement settings, part of Config (src/config/config.ts). */
export interface SettlementSettings {
  /** The batch of settlement date D covers business day D − delayDays in Beijing (T+1: 1). */
  delayDays: number;
  /** When the daily batch runs, Beijing time: node-cron's minute and hour. */
  runAt: { hour: number; minute: number };
}

/** `HH:MM` (24 h) → hour and minute, or undefined. */
export function parseClockTime(text: string): { hour: number; minute: number } | undefined {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : undefined;
}
