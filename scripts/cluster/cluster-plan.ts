/**
 * The local cluster of `npm run cluster` (README, "A local cluster"): the ports, folders and settings of each of its
 * parts. Pure: scripts/cluster.ts starts what this describes.
 */
import path from 'node:path';
import { sandboxAcquirerDir } from '../../sandbox-acquirer';
import { acpSettings } from '../../sandbox-acquirer/acp-settings';

/** One Stasis app per node; both Asterisks try both (ARI_APPS, the dialplan's IVRPAY_APPS). */
export const CLUSTER_APPS = ['ivrpay-a', 'ivrpay-b'];

export interface AsteriskPart {
  name: string;
  /** Its DATA_DIR: the config goes to DATA_DIR/asterisk, the softphone's password to DATA_DIR/sandbox-secrets.json. */
  dataDir: string;
  ariUrl: string;
  sipPort: number;
  /** What scripts/asterisk-sandbox is run with. */
  env: Record<string, string>;
}

export interface NodePart {
  id: string;
  app: string;
  apiBase: string;
  logFile: string;
  /** What `src/main.ts` is run with, over the caller's environment. */
  env: Record<string, string>;
}

export interface ClusterPlan {
  /** data/cluster: the logs, the state of a running cluster, Asterisk B, the acquirer's ledger. */
  dir: string;
  stateFile: string;
  asterisks: AsteriskPart[];
  /** One sandbox acquirer for both nodes, as one acquirer serves every node in production: any node can query it. */
  acquirer: { url: string; logFile: string; env: Record<string, string> };
  nodes: NodePart[];
  /** Every TCP port a child of the cluster listens on, with whose it is (checked free before starting). */
  ports: { port: number; owner: string }[];
}

export interface ClusterInputs {
  /** The project's DATA_DIR: Asterisk A is its sandbox, and the nodes share its secrets key and greetings. */
  dataDir: string;
  /** The PostgreSQL sandbox's DATABASE_URL. */
  databaseUrl: string;
  /** One ARI password for both Asterisks (Asterisk A's own, so an A already running keeps working). */
  ariPassword: string;
}

const ASTERISKS = [
  { name: 'Asterisk A', ariPort: 8088, sipPort: 5060 },
  { name: 'Asterisk B', ariPort: 8089, sipPort: 5070 },
];
const NODES = [
  { id: 'node-a', httpPort: 3000, metricsPort: 9464 },
  { id: 'node-b', httpPort: 3001, metricsPort: 9465 },
];
const ACQUIRER_PORT = 3002;

export function clusterPlan(inputs: ClusterInputs): ClusterPlan {
  const dir = path.join(inputs.dataDir, 'cluster');
  const apps = { ARI_APP: CLUSTER_APPS[0], ARI_APPS: CLUSTER_APPS.join(',') };
  const asterisks = ASTERISKS.map((a, i): AsteriskPart => {
    const dataDir = i === 0 ? inputs.dataDir : path.join(dir, 'asterisk-b');
    const ariUrl = `http://127.0.0.1:${a.ariPort}`;
    const env = { DATA_DIR: dataDir, ARI_URL: ariUrl, SIP_PORT: String(a.sipPort), ARI_PASSWORD: inputs.ariPassword };
    return { name: a.name, dataDir, ariUrl, sipPort: a.sipPort, env: { ...env, ...apps } };
  });
  const acquirerUrl = `http://127.0.0.1:${ACQUIRER_PORT}`;
  const pki = path.join(sandboxAcquirerDir(dir), 'pki');
  const nodes = NODES.map((n, i): NodePart => {
    const apiBase = `http://127.0.0.1:${n.httpPort}`;
    return {
      id: n.id,
      app: CLUSTER_APPS[i],
      apiBase,
      logFile: path.join(dir, `${n.id}.log`),
      env: {
        NODE_ID: n.id,
        ARI_APP: CLUSTER_APPS[i],
        ARI_APPS: apps.ARI_APPS,
        HTTP_PORT: String(n.httpPort),
        METRICS_PORT: String(n.metricsPort),
        DATA_DIR: inputs.dataDir,
        DATABASE_URL: inputs.databaseUrl,
        ARI_SERVERS: asterisks.map((a) => a.ariUrl).join(','),
        // The first server, for the tools that read ARI_URL alone (npm run demo places its call there).
        ARI_URL: asterisks[0].ariUrl,
        ARI_PASSWORD: inputs.ariPassword,
        // The cluster starts the Asterisks; a node must not start a sandbox of its own.
        ASTERISK_SANDBOX: 'off',
        ...nodeAcpSettings(acquirerUrl, pki, apiBase),
      },
    };
  });
  const ports = [
    ...NODES.flatMap((n) => [
      { port: n.httpPort, owner: `${n.id}'s API (HTTP_PORT)` },
      { port: n.metricsPort, owner: `${n.id}'s metrics (METRICS_PORT)` },
    ]),
    { port: ACQUIRER_PORT, owner: 'the sandbox acquirer' },
  ];
  return {
    dir,
    stateFile: path.join(dir, 'cluster.json'),
    asterisks,
    acquirer: {
      url: acquirerUrl,
      logFile: path.join(dir, 'acquirer.log'),
      env: { DATA_DIR: dir, SANDBOX_ACQUIRER_PORT: String(ACQUIRER_PORT) },
    },
    nodes,
    ports,
  };
}

/**
 * A node pays through the shared sandbox acquirer as through a real one (ACQUIRER=acp, as `npm run sandbox-acquirer`
 * prints), with the merchant keys of its PKI, and is told the acquirer's notifications at its own API.
 */
function nodeAcpSettings(url: string, pki: string, apiBase: string): Record<string, string> {
  return {
    ...acpSettings(url, pki, `${apiBase}/acquirer/notify`),
    // The simulated cardholder of `npm run demo` knows the field asked by this channel variable.
    ARI_FIELD_VARIABLE: 'on',
  };
}
