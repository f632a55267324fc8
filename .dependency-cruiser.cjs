// The layering rules of docs/architecture.md as code; `npm run lint:deps` (part of `npm test`) fails on any of them.
/** Node's modules that reach outside the process: the files, the network, other processes. */
const IO_CORE_MODULES =
  '^(node:)?(fs|fs/promises|net|http|https|http2|dgram|child_process|tls|dns|dns/promises|worker_threads|cluster)$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'ari-client-only-in-ari',
      comment: 'The call script talks to a CallPort; only the ARI adapter knows ari-client.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/ari/' },
      to: { path: '(^|/)node_modules/(ari-client|@types/ari-client)/' },
    },
    {
      name: 'call-and-domain-do-no-io',
      comment: 'The call script and the domain are pure: I/O comes in through ports.',
      severity: 'error',
      from: { path: '^src/(call|domain)/' },
      to: {
        path: [
          '(^|/)node_modules/(express|knex|better-sqlite3|ari-client|@types/ari-client|node-forge|crypto-js|node-cron)/',
          IO_CORE_MODULES,
        ],
      },
    },
    {
      name: 'knex-only-in-store',
      comment: 'SQL is owned by the repositories of src/store.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/store/' },
      to: { path: '(^|/)node_modules/(knex|better-sqlite3|pg)/' },
    },
    {
      name: 'acp-behind-its-port',
      comment: 'ACP is an adapter: the rest of src sees AcquirerPort, and only acp/index.ts (the adapter factory) from outside.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/acquirer/acp/' },
      to: { path: '^src/acquirer/acp/', pathNot: '^src/acquirer/acp/index\\.ts$' },
    },
    {
      name: 'no-folder-cycles',
      comment: 'Two folders of src that import each other (directly or round a loop) are one tangled layer.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-module-cycles',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'lib-depends-on-nothing',
      comment: 'src/lib holds small dependency-free helpers: they import no package and nothing else from src.',
      severity: 'error',
      from: { path: '^src/lib/' },
      to: { path: ['^src/', '(^|/)node_modules/'], pathNot: '^src/lib/' },
    },
    {
      name: 'product-does-not-import-tests-or-tools',
      comment: 'src is the product: test helpers, the simulated cardholder and scripts stay outside it.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|scripts|bench|simulator)/' },
    },
    {
      name: 'sandbox-acquirer-started-only-by-the-composition-root',
      comment:
        'The sandbox acquirer is a separate program; npm start starts it, wired in the composition root only, through its entry.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(service|compose)\\.ts$' },
      to: { path: '^sandbox-acquirer/' },
    },
    {
      name: 'sandbox-acquirer-entry-only',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^sandbox-acquirer/', pathNot: '^sandbox-acquirer/index\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Node's I/O modules are kept in the graph (includeOnly drops what it does not name) so the no-I/O rule sees them.
    includeOnly: {
      path: ['^src/', '^sandbox-acquirer/', '^simulator/', '^test/', '^scripts/', 'node_modules/', IO_CORE_MODULES],
    },
    exclude: { path: '\\.d\\.ts$' },
  },
};
