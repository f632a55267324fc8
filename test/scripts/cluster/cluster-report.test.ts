import { expect } from 'chai';
import { clusterPlan } from '../../../scripts/cluster/cluster-plan';
import { clusterReport } from '../../../scripts/cluster/cluster-report';

const plan = clusterPlan({
  dataDir: '/srv/ivrpay/data',
  databaseUrl: 'postgres://ivrpay:pg-secret-789@127.0.0.1:54329/ivrpay',
  ariPassword: 'ari-secret-123',
});
const both = { 'Asterisk A': ['ivrpay-a', 'ivrpay-b'], 'Asterisk B': ['ivrpay-a', 'ivrpay-b'] };
const report = (appsOn: Record<string, string[]> = both) =>
  clusterReport(plan, { pids: { 'node-a': 4101, 'node-b': 4102 }, appsOn, seconds: 21.34, projectRoot: '/srv/ivrpay' });

describe('npm run cluster: what it prints', () => {
  it("when the cluster is up, then it names each node's API, app, pid and log, and how long it took", () => {
    const text = report();
    expect(text).to.include('ivrpay cluster is up (21.3 s)');
    expect(text).to.include('node-a  API http://127.0.0.1:3000  Stasis app ivrpay-a  pid 4101  log data/cluster/node-a.log');
    expect(text).to.include('node-b  API http://127.0.0.1:3001  Stasis app ivrpay-b  pid 4102  log data/cluster/node-b.log');
    expect(text).to.include('kill -9 4101 (node-a)');
  });

  it("when the cluster is up, then it gives each Asterisk's SIP port, the file of its softphone password and the nodes it reaches", () => {
    const text = report();
    expect(text).to.include(
      'Asterisk A  SIP 127.0.0.1:5060  password in data/sandbox-secrets.json  ARI http://127.0.0.1:8088 (nodes connected: ivrpay-a, ivrpay-b)',
    );
    expect(text).to.include('Asterisk B  SIP 127.0.0.1:5070  password in data/cluster/asterisk-b/sandbox-secrets.json');
    expect(text).to.include('user 1001');
    expect(text).not.to.include('NO node connected');
  });

  it('when the cluster is up, then it gives the demo call through each node and Asterisk, and a merchant and an order by hand', () => {
    const text = report();
    expect(text).to.include('(set -a; . data/cluster/node-a.env; npm run demo)');
    expect(text).to.include('(set -a; . data/cluster/node-b.env; ARI_URL=http://127.0.0.1:8089 npm run demo)');
    expect(text).to.include('npm run admin -- merchant create --name Shop');
    expect(text).to.include('curl -s http://127.0.0.1:3000/v1/orders -H "Authorization: Bearer <apiKey>"');
    expect(text).to.include('curl -s http://127.0.0.1:3001/v1/orders/<id>');
  });

  it('when printed, then no password is in it', () => {
    const text = report();
    expect(text).not.to.include('ari-secret-123');
    expect(text).not.to.include('pg-secret-789');
  });

  it('when no node is connected to Asterisk B, then it says that its calls hear "service unavailable", and why', () => {
    const text = report({ 'Asterisk A': ['ivrpay-a', 'ivrpay-b'], 'Asterisk B': [] });
    expect(text).to.include('ARI http://127.0.0.1:8089 (NO node connected: its calls hear "service unavailable")');
    expect(text).to.include("A node connects to each server of ARI_SERVERS as soon as it answers: see the nodes' logs.");
  });
});
