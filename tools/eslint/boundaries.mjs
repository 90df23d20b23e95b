import path from 'node:path';

/**
 * Keeps the house layered (see docs/architecture.md): a library never imports an app; a feature
 * reaches another library only through its public entry `@app/<name>`, never its files; and a
 * library imports only libraries of lower rank, so dependencies point one way and siblings of one
 * rank stay apart. Apps may import any library.
 */
const root = path.resolve(import.meta.dirname, '../..');

/** A new library places itself here; lint fails until it does. */
export const RANKS = {
  contract: 0,
  platform: 1,
  identity: 2,
  field: 2,
  enrollment: 2,
  scheduling: 3,
  // Hears of everything through the event bus and needs only who owns what, so any feature above may call it.
  notifications: 3,
  telemetry: 4,
  // Below scoring: evaluations read exam results as `exam.*` metrics.
  exams: 5,
  incidents: 5,
  scoring: 6,
  datasets: 6,
  reports: 7,
};

function ownerOf(file) {
  const relative = path.relative(root, file).split(path.sep);
  if (relative[0] === 'libs' || relative[0] === 'apps') return `${relative[0]}/${relative[1]}`;
  return null;
}

const rankOf = (lib) => (Object.hasOwn(RANKS, lib) ? RANKS[lib] : undefined);
const unranked = (lib) => `libs/${lib} has no rank: add it to the rank table in tools/eslint/boundaries.mjs`;

function crossingOf(file, owner, source) {
  const entry = /^@app\/([^/]+)(\/.+)?$/.exec(source);
  if (entry) {
    const [, lib, inside] = entry;
    if (inside) return `import @app/${lib} itself; its files are private`;
    if (rankOf(lib) === undefined) return unranked(lib);
    if (!owner.startsWith('libs/')) return null;
    const self = owner.slice('libs/'.length);
    if (lib === self) return `import your own library's files by relative path, not through @app/${lib}`;
    if (rankOf(lib) >= rankOf(self)) {
      return (
        `${self} (rank ${rankOf(self)}) may not import ${lib} (rank ${rankOf(lib)}): a library imports only ` +
        'lower ranks; move the shared piece down, or reach up through a port the lower library owns'
      );
    }
    return null;
  }
  if (!source.startsWith('.')) return null;
  const target = ownerOf(path.resolve(path.dirname(file), source));
  // Apps are leaves: one may drive another in-process (the demo runs the simulator).
  const appToApp = owner.startsWith('apps/') && target?.startsWith('apps/');
  if (!target || target === owner || appToApp) return null;
  return target.startsWith('apps/')
    ? 'a library never imports an app'
    : `reach ${target} through @app/${target.split('/')[1]}, not by a relative path`;
}

export default {
  rules: {
    layers: {
      meta: { type: 'problem', schema: [], messages: { crossing: '{{ reason }}' } },
      create(context) {
        const file = context.filename;
        const owner = ownerOf(file);
        if (!owner) return {};
        const check = (node, source) => {
          if (typeof source !== 'string') return;
          const reason = crossingOf(file, owner, source);
          if (reason) context.report({ node, messageId: 'crossing', data: { reason } });
        };
        const lib = owner.startsWith('libs/') ? owner.slice('libs/'.length) : null;
        return {
          Program: (node) => {
            if (lib !== null && rankOf(lib) === undefined) {
              context.report({ node, messageId: 'crossing', data: { reason: unranked(lib) } });
            }
          },
          ImportDeclaration: (node) => check(node, node.source.value),
          ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
          ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
          ExportAllDeclaration: (node) => check(node, node.source.value),
        };
      },
    },
  },
};
