// A Stryker ignorer (stryker.config.json "ignorers"): mutants inside logging calls are not counted. Issue 17 §6
// allows excluding log-message literals; the context objects beside them (ids, counts) are excluded too, since
// what a log line says is checked by the log redaction tests, not by the money path's. A call whose context
// carries an `alert` is kept: operators are paged on those fields (README, "Reliability"), so tests must pin them.
import { declareValuePlugin, PluginKind } from '@stryker-mutator/api/plugin';

const LOG_METHODS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'child']);

function isLogger(node) {
  if (node.type === 'Identifier') return node.name === 'log';
  return node.type === 'MemberExpression' && !node.computed && node.property.name === 'log';
}

function carriesAlert(args) {
  return args.some(
    (arg) =>
      arg.type === 'ObjectExpression' &&
      arg.properties.some((p) => p.type === 'ObjectProperty' && p.key.type === 'Identifier' && p.key.name === 'alert'),
  );
}

function isLogCall(node) {
  if (node?.type !== 'CallExpression' || node.callee.type !== 'MemberExpression') return false;
  const { object, property } = node.callee;
  return property.type === 'Identifier' && LOG_METHODS.has(property.name) && isLogger(object);
}

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'log-calls', {
    shouldIgnore(path) {
      const { node } = path;
      if (isLogCall(node) && !carriesAlert(node.arguments))
        return 'a logging call (message and context) is not part of the money path';
      const isText = node.type === 'StringLiteral' || node.type === 'TemplateLiteral';
      if (isText && path.listKey === 'arguments' && isLogCall(path.parentPath?.node)) return 'a log message literal';
      return undefined;
    },
  }),
];
