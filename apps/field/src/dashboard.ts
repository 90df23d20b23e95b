import type { NestExpressApplication } from '@nestjs/platform-express';
import type { FieldConfig } from '@app/platform';
import express, { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import { installRoot } from './install';

/**
 * Paths the server answers itself; the dashboard never shadows them. A new root route (such as a
 * public page outside the dashboard) must be added here.
 */
export const SERVER_PATHS = ['/api', '/health', '/metrics', '/docs', '/docs-json', '/socket.io', '/verify'];

const isServerPath = (path: string) => SERVER_PATHS.some((root) => path === root || path.startsWith(`${root}/`));

/** Vite names every file under assets/ by its content hash, so a browser may keep them for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

export function dashboardDir(config: FieldConfig): string {
  return config.dashboardDir ?? join(installRoot(), 'apps', 'dashboard', 'dist');
}

/**
 * Serves the built dashboard at `/`: its files, and index.html for every other page a browser asks
 * for (the dashboard routes in the browser). Registered before Nest's router, so it steps aside for
 * the server's own paths. Without a build the server still runs and says how to make one.
 */
export function serveDashboard(
  app: NestExpressApplication,
  config: FieldConfig,
  warn: (message: string) => void,
): void {
  const root = dashboardDir(config);
  const index = join(root, 'index.html');
  const built = existsSync(index);
  if (!built) {
    warn(`the dashboard is not built (no ${index}); run "npm run build" to serve it at /`);
  } else {
    const assets = join(root, 'assets') + sep;
    const files = express.static(root, {
      index: false,
      fallthrough: true,
      setHeaders: (res, file) => res.setHeader('Cache-Control', file.startsWith(assets) ? IMMUTABLE : REVALIDATE),
    });
    // The API's requests skip the file lookup (a stat per request, a sizeable share of a cheap call's cost).
    app.use((req: Request, res: Response, next: NextFunction) =>
      isServerPath(req.path) ? next() : files(req, res, next),
    );
  }

  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isServerPath(req.path)) return next();
    if (looksLikeFile(req.path)) return notFound(res, `there is no file ${req.path}`);
    if (!built) {
      return notFound(
        res,
        'the dashboard is not built: run "npm run build"; the API is at /api/v1 and documented at /docs',
      );
    }
    res.setHeader('Cache-Control', REVALIDATE);
    res.sendFile(index, (error) => error && next(error));
  });
}

/** Outside /api/v1 Nest's problem filter does not answer, so this speaks the same problem+json. */
function notFound(res: Response, detail: string): void {
  res
    .status(404)
    .type('application/problem+json')
    .send(JSON.stringify({ type: 'urn:field:problem:not-found', title: 'Not Found', status: 404, detail }));
}

/** A missing file (`/assets/gone.js`) answers 404 rather than the dashboard's page (static files went first). */
const looksLikeFile = (path: string) => /\.[A-Za-z0-9]+$/.test(path.slice(path.lastIndexOf('/') + 1));
