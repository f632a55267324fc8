import { count, type Tally } from './fault-tally';
import { listen, readBody } from './http-relay';

export interface Delivery {
  eventId: string | undefined;
  signature: string | undefined;
  body: string;
  /** What the endpoint answered: 200, or 500 when the plan said so (the service must try again). */
  status: number;
}

/** The merchant's notify URL: keeps every delivery, and fails those the plan says with 500. */
export async function startMerchantEndpoint(fails: readonly boolean[], tally: Tally) {
  const deliveries: Delivery[] = [];
  const server = await listen(async (req, res) => {
    const body = (await readBody(req)).toString('utf8');
    const status = fails[deliveries.length] ? 500 : 200;
    if (status !== 200) count(tally, 'merchant endpoint 5xx');
    deliveries.push({
      eventId: req.headers['ivrpay-event-id'] as string | undefined,
      signature: req.headers['ivrpay-signature'] as string | undefined,
      body,
      status,
    });
    res.writeHead(status).end();
  });
  return { url: `${server.url}/hooks/ivrpay`, deliveries, close: () => server.close() };
}
