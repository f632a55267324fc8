import type { Logger } from 'pino';
import type { CallPort } from './call-port';
import type { PaymentFlowDeps } from './call-ports';

/** What every step of the call script works with. `log` carries callId (and orderId once known). */
export interface StepContext {
  call: CallPort;
  deps: PaymentFlowDeps;
  log: Logger;
  /** The order this call claimed, once it has one. */
  orderId?: string;
  /** Set when a call centre wants the caller back after the result: the script hands the call back instead of hanging up. */
  returnTo?: string;
}
