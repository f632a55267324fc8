import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { renderAsteriskConfig, sandboxValues } from '../../../scripts/asterisk/asterisk-config';
import { CLUSTER_APPS, clusterPlan } from '../../../scripts/cluster/cluster-plan';
import { loadConfig } from '../../../src/config/config';

const projectRoot = path.resolve(__dirname, '..', '..', '..');
const inputs = {
  dataDir: '/srv/ivrpay/data',
  databaseUrl: 'postgres://ivrpay:pg-secret@127.0.0.1:54329/ivrpay',
  ariPassword: 'ari-secret-123',
};
const secrets = { ariPassword: 'unused-1', sipPassword: 'sip-secret-456', postgresPassword: 'unused-2' };

describe('npm run cluster: the plan', () => {
  const plan = clusterPlan(inputs);
  const [a, b] = plan.nodes;

  it('when planned, then each node has its own id, Stasis app, API and metrics ports, and both share the store and the ARI credential', () => {
    expect([a.env.NODE_ID, b.env.NODE_ID]).to.deep.equal(['node-a', 'node-b']);
    expect([a.env.ARI_APP, b.env.ARI_APP]).to.deep.equal(CLUSTER_APPS);
    expect([a.env.HTTP_PORT, b.env.HTTP_PORT]).to.deep.equal(['3000', '3001']);
    expect([a.env.METRICS_PORT, b.env.METRICS_PORT]).to.deep.equal(['9464', '9465']);
    for (const n of plan.nodes) {
      expect(n.env).to.include({
        ARI_APPS: 'ivrpay-a,ivrpay-b',
        DATABASE_URL: inputs.databaseUrl,
        DATA_DIR: inputs.dataDir,
        ARI_PASSWORD: inputs.ariPassword,
        ARI_SERVERS: 'http://127.0.0.1:8088,http://127.0.0.1:8089',
        ARI_URL: 'http://127.0.0.1:8088',
        ASTERISK_SANDBOX: 'off',
        ACQUIRER: 'acp',
        ACQUIRER_URL: plan.acquirer.url,
      });
      expect(n.logFile).to.equal(`/srv/ivrpay/data/cluster/${n.id}.log`);
    }
  });

  it("when a node's settings are loaded, then the app accepts them: PostgreSQL, its app among both, the shared acquirer, notified at its own API", () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ivrpay-cluster-'));
    try {
      const node = clusterPlan({ ...inputs, dataDir }).nodes[1];
      // The acquirer writes its PKI at its first start; the config only checks that the files are there.
      for (const [name, file] of Object.entries(node.env)) {
        if (name.endsWith('_FILE')) {
          fs.mkdirSync(path.dirname(file), { recursive: true });
          fs.writeFileSync(file, '');
        }
      }
      const config = loadConfig(node.env);
      expect(config.node.id).to.equal('node-b');
      expect(config.http.port).to.equal(3001);
      expect(config.ari).to.include({ app: 'ivrpay-b', url: 'http://127.0.0.1:8088', fieldVariable: true });
      expect(config.ari.apps).to.deep.equal(CLUSTER_APPS);
      expect(config.ari.servers).to.deep.equal(['http://127.0.0.1:8088', 'http://127.0.0.1:8089']);
      expect(config.database.kind).to.equal('postgres');
      expect(config.asterisk.sandbox).to.equal('off');
      expect(config.acquirer).to.include({ kind: 'acp', notifyUrl: 'http://127.0.0.1:3001/acquirer/notify' });
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("when planned, then Asterisk A is the project's sandbox and B has its own folder under data/cluster, ports, and the same apps", () => {
    const [astA, astB] = plan.asterisks;
    expect(astA.dataDir).to.equal('/srv/ivrpay/data');
    expect(astB.dataDir).to.equal('/srv/ivrpay/data/cluster/asterisk-b');
    for (const [ast, ariPort, sipPort] of [
      [astA, 8088, 5060],
      [astB, 8089, 5070],
    ] as const) {
      const values = sandboxValues(loadConfig({ ...ast.env, SOUNDS_DIR: `${projectRoot}/sounds` }), secrets);
      expect(values).to.include({ asteriskDir: `${ast.dataDir}/asterisk`, ariPort, sipPort, ariPassword: inputs.ariPassword });
      const files = renderAsteriskConfig(path.join(projectRoot, 'dialplan'), values);
      expect(files.get('extensions.conf')).to.match(/^IVRPAY_APPS=ivrpay-a&ivrpay-b$/m);
    }
  });

  it('when planned, then no two parts listen on one port', () => {
    const ports = [...plan.ports.map((p) => p.port), ...plan.asterisks.map((ast) => Number(new URL(ast.ariUrl).port)), 54329];
    expect(new Set(ports).size).to.equal(ports.length);
    expect(plan.ports.map((p) => p.port)).to.include.members([3000, 3001, 3002, 9464, 9465]);
  });
});
