import { AppError } from '../domain/app-error';

export interface SmsMessage {
  /** National form: an 11-digit mainland mobile. */
  to: string;
  /** From the SMS template: never card data. */
  text: string;
  /** Our id for the message (sms_…): providers that dedupe on it never send a retried message twice. */
  reference?: string;
}

export interface SmsReceipt {
  /** The provider's id for the message, to trace delivery with it. */
  providerId: string;
}

/** Sends one SMS; throws SmsSendError when the provider did not take it. */
export interface SmsPort {
  send(message: SmsMessage): Promise<SmsReceipt>;
}

/**
 * `permanent`: the provider refused the message (bad number, rejected content, bad credentials); sending it
 * again will not help. Otherwise (timeouts, 5xx, throttling) a later try may succeed.
 */
export class SmsSendError extends AppError {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super('unavailable', message);
    this.name = 'SmsSendError';
  }
}

/** 13552535506 → 135****5506, for logs. */
export function maskPhone(phone: string): string {
  return phone.length < 8 ? '****' : `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}
