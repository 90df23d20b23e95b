import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';

/** A request by the exact path, as a browser sends it (the Api helper would prefix /api/v1). */
const browse = (field: TestApp, path: string) => request(field.app.getHttpServer()).get(path);

/** A stand-in for a Vite build, so these tests do not depend on the real one. */
function fakeBuild(): string {
  const root = mkdtempSync(join(tmpdir(), 'field-dashboard-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>dashboard</title><div id="root"></div>');
  writeFileSync(join(root, 'assets', 'index-Bx7d1Q2a.js'), 'console.log("dashboard")');
  writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return root;
}

describe('the dashboard served at /', () => {
  describe('when built', () => {
    let field: TestApp;
    let root: string;

    beforeAll(async () => {
      root = fakeBuild();
      field = await startTestApp({ FIELD_DASHBOARD_DIR: root, FIELD_TIME_ZONE: 'Europe/Berlin' });
    });

    afterAll(async () => {
      await field.close();
      rmSync(root, { recursive: true, force: true });
    });

    it('answers index.html, never cached stale, at / and at any page of the dashboard', async () => {
      for (const path of ['/', '/robots', '/robots/0196f0c4-0000-7000-8000-000000000000', '/field/bays?site=x']) {
        const page = await browse(field, path);
        expect({ path, status: page.status }).toEqual({ path, status: 200 });
        expect(page.headers['content-type']).toMatch(/^text\/html/);
        expect(page.headers['cache-control']).toBe('no-cache');
        expect(page.text).toContain('<div id="root">');
      }
    });

    it('keeps hashed assets for a year and revalidates other files', async () => {
      const asset = await browse(field, '/assets/index-Bx7d1Q2a.js');
      expect(asset.status).toBe(200);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const icon = await browse(field, '/favicon.svg');
      expect(icon.status).toBe(200);
      expect(icon.headers['cache-control']).toBe('no-cache');
    });

    it('answers 404 for a missing file instead of the page', async () => {
      const missing = await browse(field, '/assets/index-gone.js');
      expect(missing.status).toBe(404);
      expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it("never shadows the server's own paths", async () => {
      const unknownApi = await field.admin.get('/api/v1/no-such-thing');
      expect(unknownApi.status).toBe(404);
      expect(unknownApi.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((await field.anonymous.get('/health')).body.status).toBe('ok');
      expect((await field.anonymous.get('/docs-json')).body.openapi).toMatch(/^3\./);
      expect((await field.anonymous.get('/metrics')).headers['content-type']).toMatch(/^text\/plain/);
      for (const path of ['/socket.io/?EIO=4&transport=polling', '/docs/no-such-file', '/api']) {
        const response = await browse(field, path);
        expect({ path, dashboard: response.text.includes('<div id="root">') }).toEqual({ path, dashboard: false });
      }
      expect((await field.anonymous.post('/robots', {})).status).toBe(401);
    });

    it('GET /api/v1/field-info tells anyone the time zone, public URL and version', async () => {
      const info = await field.anonymous.get('/field-info');
      expect(info.status).toBe(200);
      const { version } = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
        version: string;
      };
      expect(info.body).toEqual({ timeZone: 'Europe/Berlin', publicUrl: field.config.publicUrl, version });
    });
  });

  describe('when not built', () => {
    let field: TestApp;

    beforeAll(async () => {
      field = await startTestApp({ FIELD_DASHBOARD_DIR: join(tmpdir(), 'field-dashboard-never-built') });
    });

    afterAll(async () => {
      await field.close();
    });

    it('still serves the API, and the root says how to build the dashboard', async () => {
      expect((await field.anonymous.get('/health')).status).toBe(200);
      await field.admin.get('/robots').expect(200);
      const root = await browse(field, '/');
      expect(root.status).toBe(404);
      expect(root.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(root.body.detail).toContain('npm run build');
    });
  });
});
