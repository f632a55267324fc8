import { shanghaiTimestamp } from '../domain/shanghai-timestamp';

/** YYYYMMDD in Beijing at `instant`: the acquirer's settlement dates are Beijing dates. */
export function beijingDate(instant: Date): string {
  return shanghaiTimestamp(instant).slice(0, 8);
}
