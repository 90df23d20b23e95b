import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The field's API during development (`npm run dashboard:dev`); the built dashboard is served by the field itself. */
const api = process.env.FIELD_API_URL ?? 'http://localhost:3000';

/**
 * The wire shapes come from the server's own contract library. Its modules only define constants
 * and zod schemas, so nothing is lost by dropping the modules the dashboard takes no value from:
 * the bundle keeps the enumerations, socket names and wall clock (zod-free modules) and leaves zod out.
 */
const contractIsPure: Plugin = {
  name: 'field:contract-is-pure',
  transform: {
    filter: { id: /[\\/]libs[\\/]contract[\\/]src[\\/]/ },
    handler: (code) => ({ code, moduleSideEffects: false }),
  },
};

export default defineConfig({
  root: here('.'),
  plugins: [contractIsPure],
  resolve: { alias: { '@app/contract': here('../../libs/contract/src/index.ts') } },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    rolldownOptions: {
      // React and its router change less often than the dashboard: their chunk stays cached across
      // releases. Ant Design is left to the automatic split, so a page loads only the components it uses.
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack)[\\/]/ },
          ],
        },
      },
      onwarn(warning, warn) {
        // Ant Design marks its modules "use client" for React Server Components; meaningless in a browser bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && /use client/.test(warning.message)) return;
        warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': api,
      '/health': api,
      '/docs': api,
      // Reports link to the field's public verification pages.
      '/verify': api,
      '/socket.io': { target: api, ws: true },
    },
  },
});
