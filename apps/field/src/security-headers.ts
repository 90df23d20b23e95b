import type { Server } from 'node:http';
import helmet from 'helmet';

/**
 * The field's security headers, on every response (JSON, problem, files, pages): nosniff, no
 * referrer, and one Content-Security-Policy for every page it serves. Scripts only from the field
 * itself, never inline: the dashboard (vite emits module scripts), the verification page (none at
 * all) and Swagger UI at /docs (its bundle and init script are files) all live with that. Styles
 * may be inline: Ant Design injects its CSS-in-JS at runtime, and the verification page and Swagger
 * UI carry a <style> block. `connect-src 'self'` covers the dashboard's API calls and its socket.io
 * connection (same origin, ws: included).
 */
export const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    workerSrc: ["'self'", 'blob:'],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

export const securityHeaders = () =>
  helmet({
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    referrerPolicy: { policy: 'no-referrer' },
    // Older browsers ignore frame-ancestors; they read this instead.
    xFrameOptions: { action: 'deny' },
    // Same-origin isolation would stop a report's PDF or the calendar feed opening from another site's link.
    crossOriginResourcePolicy: { policy: 'same-site' },
    // The field is often reached over plain HTTP on a field network; HSTS there would lock browsers out.
    strictTransportSecurity: false,
  });

/**
 * socket.io answers its own HTTP requests (a bad handshake, an unknown transport) before Express
 * sees them, so the headers every response carries are set on the server's first listener too.
 * Called after the gateways are attached: engine.io re-registers the listeners it finds.
 */
export function baseHeadersOnEveryResponse(server: Server): void {
  server.prependListener('request', (_request, response) => {
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'no-referrer');
  });
}
