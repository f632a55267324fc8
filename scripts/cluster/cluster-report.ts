import path from 'node:path';
import { SANDBOX_SECRETS_FILE } from '../../src/config/sandbox-secrets';
import { CLUSTER_APPS, type ClusterPlan } from './cluster-plan';

/** What the running cluster found: each node's pid, and which nodes' apps each Asterisk has connected. */
export interface ClusterRuntime {
  pids: Record<string, number>;
  /** By Asterisk name: the cluster's Stasis apps it has (GET /ari/applications). */
  appsOn: Record<string, string[]>;
  seconds: number;
  /** The project folder: paths are printed relative to it, as the commands run from there. */
  projectRoot: string;
}

/** The file of a node's settings, for `set -a; . <file>` before the demo or the admin CLI (scripts/cluster.ts writes it). */
export function nodeEnvFile(plan: ClusterPlan, nodeId: string): string {
  return path.join(plan.dir, `${nodeId}.env`);
}

/** How to call each node, through each Asterisk: printed once the cluster is up. No password is printed. */
export function clusterReport(plan: ClusterPlan, run: ClusterRuntime): string {
  const rel = (file: string) => path.relative(run.projectRoot, file) || '.';
  const [a, b] = plan.nodes;
  const envOf = (nodeId: string) => rel(nodeEnvFile(plan, nodeId));
  const lines = [
    '',
    `ivrpay cluster is up (${run.seconds.toFixed(1)} s): PostgreSQL, ${plan.asterisks.length} sandbox Asterisks, ${plan.nodes.length} app nodes, one sandbox acquirer.`,
    '',
    ...plan.nodes.map(
      (n) => `  ${n.id}  API ${n.apiBase}  Stasis app ${n.app}  pid ${run.pids[n.id] ?? '?'}  log ${rel(n.logFile)}`,
    ),
    `  The nodes share PostgreSQL (DATABASE_URL in ${envOf(a.id)}) and the acquirer ${plan.acquirer.url} (log ${rel(plan.acquirer.logFile)}).`,
    '',
    'Call from a softphone: SIP over UDP, user 1001, password "sipPassword" of the file named; dial the 6-digit pay',
    'code of an order (or anything, then key it when asked). Each Asterisk tries the nodes’ apps in turn, from a random one.',
    ...plan.asterisks.map((ast) => {
      const apps = run.appsOn[ast.name] ?? [];
      const connected =
        apps.length > 0 ? `nodes connected: ${apps.join(', ')}` : 'NO node connected: its calls hear "service unavailable"';
      return `  ${ast.name}  SIP 127.0.0.1:${ast.sipPort}  password in ${rel(path.join(ast.dataDir, SANDBOX_SECRETS_FILE))}  ARI ${ast.ariUrl} (${connected})`;
    }),
    ...(plan.asterisks.some((ast) => (run.appsOn[ast.name] ?? []).length < CLUSTER_APPS.length)
      ? ["  (A node connects to each server of ARI_SERVERS as soon as it answers: see the nodes' logs.)"]
      : []),
    '',
    'A demo call (a merchant and an order on a node, then a call as a cardholder keying the sandbox debit card):',
    `  (set -a; . ${envOf(a.id)}; npm run demo)                                    ${a.id}'s API, a call on ${plan.asterisks[0].name}`,
    `  (set -a; . ${envOf(b.id)}; ARI_URL=${plan.asterisks[1].ariUrl} npm run demo)    ${b.id}'s API, a call on ${plan.asterisks[1].name}`,
    '',
    'A merchant and an order by hand (one store: the key works on either node):',
    `  (set -a; . ${envOf(a.id)}; npm run admin -- merchant create --name Shop)    prints its apiKey`,
    `  curl -s ${a.apiBase}/v1/orders -H "Authorization: Bearer <apiKey>" -H 'content-type: application/json' \\`,
    `    -d '{"merchantOrderId":"A1001","amount":12345,"currency":"CNY","mode":"inbound"}'`,
    `  curl -s ${b.apiBase}/v1/orders/<id> -H "Authorization: Bearer <apiKey>"    the same order through ${b.id}`,
    '',
    `Fail a node: kill -9 ${run.pids[a.id] ?? `<${a.id}'s pid>`} (${a.id}): its callers hear the fallback within 10 s, new calls go to ${b.id}.`,
    'Ctrl-C stops the nodes, then the Asterisks and PostgreSQL this run started; from another terminal: npm run cluster -- stop',
    '',
  ];
  return lines.join('\n');
}
