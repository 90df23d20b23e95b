import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Mianyang embodied-intelligence robot training field')
    .setDescription(
      'Robots enrol as students, train in scenario bays, stream telemetry, are scored against the ' +
        'admission–graduation standard and graduate with a report anyone can verify. Errors are ' +
        '`application/problem+json`; lists answer `{items, nextCursor}`.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  // Served beside the API (see create-app.ts), so Nest does not see it; described here by hand.
  document.paths['/verify/{number}'] = {
    get: {
      tags: ['verification'],
      summary: 'The page behind a report’s QR code: HTML for browsers, the /api/v1/verify JSON for JSON clients',
      parameters: [
        { name: 'number', in: 'path', required: true, schema: { type: 'string', example: 'MY-2026-000123' } },
      ],
      responses: {
        '200': { description: 'the verification page (text/html) or the verification (application/json)' },
        '404': { description: 'no report with that number' },
      },
    },
  };
  return document;
}

/** `/docs` (the UI) and `/docs-json` (the document), at the root beside /health and /metrics. */
export function serveOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
}
