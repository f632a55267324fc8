import type { Logger } from 'pino';
import type { CallPort } from './call-port';
import type { PaymentFlowDeps } from './call-ports';

/** What every step of the call script works with. `log` carries callId (and orderId once known). */
export interface StepContext {
  call: CallPort;
  deps: PaymentFlowDeps;
  log: Logger;
}
