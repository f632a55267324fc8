import type { GreetingSound, Language } from './call-port';
import type { CallOrder } from './call-ports';
import { greetingSound } from './sound-id';

/**
 * The merchant's recorded greeting (its name) to play once its order is claimed: in the call's language, else in
 * the other language it was recorded in, since a name is recognised in either; undefined when it has none.
 */
export function merchantGreeting(
  order: Pick<CallOrder, 'merchantId' | 'greetingLanguages'>,
  language: Language,
): GreetingSound | undefined {
  const recorded = order.greetingLanguages.includes(language) ? language : order.greetingLanguages[0];
  return recorded === undefined ? undefined : greetingSound(order.merchantId, recorded);
}
