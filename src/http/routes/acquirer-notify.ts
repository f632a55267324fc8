import express, { Router } from 'express';
import type { NotificationReceipt } from '../../payment/payment-notifications';

export interface AcquirerNotificationReceiver {
  receive(body: string): Promise<NotificationReceipt>;
}

/** A notification is a few hundred bytes of fields plus a certificate. */
const NOTIFY_BODY_LIMIT = '32kb';

/**
 * `POST /acquirer/notify`, the backUrl the acquirer posts results to (form-encoded, signed). Read as
 * raw text: the signature covers the fields as sent. 200 for anything verified, a resend included
 * (else the acquirer retries for minutes); 400 for what is rejected. No merchant auth: the acquirer's
 * signature is the authentication.
 */
export function acquirerNotifyRouter(receiver: AcquirerNotificationReceiver): Router {
  const router = Router();
  router.post('/notify', express.text({ type: () => true, limit: NOTIFY_BODY_LIMIT }), async (req, res) => {
    const body = typeof req.body === 'string' ? req.body : '';
    const receipt = await receiver.receive(body);
    res.set('Cache-Control', 'no-store');
    res
      .status(receipt.status === 'rejected' ? 400 : 200)
      .type('text/plain')
      .send(receipt.status === 'rejected' ? 'rejected' : 'ok');
  });
  return router;
}
