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
  return SwaggerModule.createDocument(app, config);
}

/** `/docs` (the UI) and `/docs-json` (the document), at the root beside /health and /metrics. */
export function serveOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
}
