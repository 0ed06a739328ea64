// @ts-check
/**
 * Keeps the arrows of DESIGN.md true: which layer of the source tree may import which.
 * Relative imports are resolved to the layer they land in; bare imports (packages and Node
 * built-ins) are checked against what each layer may not touch. Like VS Code's
 * `code-layering` rule, it needs no resolver: the path of the import is enough.
 */
import path from 'node:path';
import { builtinModules } from 'node:module';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Longest prefix first, so src/main/core wins over src/main. */
const LAYERS = [
  { name: 'shared', dir: 'src/shared', may: ['shared'], banned: ['node', 'electron', 'server-packages'] },
  { name: 'core', dir: 'src/main/core', may: ['shared', 'core'], banned: ['electron'] },
  { name: 'web', dir: 'src/main/web', may: ['shared', 'core', 'web'], banned: ['electron'] },
  { name: 'electron', dir: 'src/main/electron', may: ['shared', 'core', 'electron'], banned: [] },
  // The launcher is the composition root of the desktop app: it may embed the hub.
  { name: 'launcher', dir: 'src/main', may: ['shared', 'core', 'web', 'electron', 'server', 'launcher'], banned: [] },
  {
    name: 'renderer',
    dir: 'src/renderer',
    may: ['shared', 'renderer'],
    banned: ['node', 'electron', 'server-packages'],
  },
  { name: 'widget', dir: 'src/widget', may: ['shared', 'widget'], banned: ['node', 'electron', 'server-packages'] },
  { name: 'server', dir: 'src/server', may: ['shared', 'server'], banned: ['electron'] },
].sort((a, b) => b.dir.length - a.dir.length);

const NODE_BUILTINS = new Set(builtinModules);
const SERVER_PACKAGES = ['better-sqlite3', 'better-sqlite3-multiple-ciphers', 'fastify', '@fastify/', 'ws'];

/** @param {string} file */
function layerOf(file) {
  const rel = path.relative(ROOT, file).split(path.sep).join('/');
  return LAYERS.find((l) => rel === l.dir || rel.startsWith(`${l.dir}/`));
}

/** @param {string} spec */
function bannedGroupOf(spec) {
  if (spec.startsWith('node:') || NODE_BUILTINS.has(spec.split('/')[0] ?? '')) return 'node';
  if (spec === 'electron' || spec.startsWith('electron/')) return 'electron';
  if (SERVER_PACKAGES.some((p) => spec === p || (p.endsWith('/') && spec.startsWith(p)))) return 'server-packages';
  return null;
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'enforce the layering of DESIGN.md' },
    schema: [],
    messages: {
      layer: '{{from}} may not import from {{to}} (allowed: {{allowed}}); see DESIGN.md "Source layout".',
      banned: '{{from}} may not import "{{spec}}" ({{group}} code does not belong in this layer).',
    },
  },
  create(context) {
    const from = layerOf(context.filename);
    if (!from) return {};
    /** @param {import('estree').Node & { source?: any }} node */
    function check(node) {
      const source = node.source;
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const spec = source.value;
      if (spec.startsWith('.')) {
        const target = layerOf(path.resolve(path.dirname(context.filename), spec));
        if (target && !from?.may.includes(target.name)) {
          context.report({
            node: source,
            messageId: 'layer',
            data: { from: from?.name ?? '', to: target.name, allowed: from?.may.join(', ') ?? '' },
          });
        }
        return;
      }
      const group = bannedGroupOf(spec);
      if (group && from?.banned.includes(group)) {
        context.report({ node: source, messageId: 'banned', data: { from: from.name, spec, group } });
      }
    }
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default { rules: { layering: rule } };
