import path from 'node:path';

/**
 * Keeps the house layered (see DESIGN.md): a library never imports an app; a feature reaches
 * another library only through its public entry `@app/<name>`, never its files.
 */
const root = path.resolve(import.meta.dirname, '../..');

function ownerOf(file) {
  const relative = path.relative(root, file).split(path.sep);
  if (relative[0] === 'libs' || relative[0] === 'apps') return `${relative[0]}/${relative[1]}`;
  return null;
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
          let reason = null;
          if (/^@app\/[^/]+\/.+/.test(source)) {
            reason = `import ${source.split('/').slice(0, 2).join('/')} itself; its files are private`;
          } else if (source.startsWith('.')) {
            const target = ownerOf(path.resolve(path.dirname(file), source));
            // Apps are leaves: one may drive another in-process (the demo runs the simulator).
            const appToApp = owner.startsWith('apps/') && target?.startsWith('apps/');
            if (target && target !== owner && !appToApp) {
              reason = target.startsWith('apps/')
                ? 'a library never imports an app'
                : `reach ${target} through @app/${target.split('/')[1]}, not by a relative path`;
            }
          }
          if (reason) context.report({ node, messageId: 'crossing', data: { reason } });
        };
        return {
          ImportDeclaration: (node) => check(node, node.source.value),
          ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
          ExportAllDeclaration: (node) => check(node, node.source.value),
        };
      },
    },
  },
};
