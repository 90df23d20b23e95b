import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Application } from 'express';
import { FieldConfig, FieldIoAdapter } from '@app/platform';
import { ExamLedgers, ReportsService, verifyPageHandler } from '@app/reports';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { serveDashboard } from './dashboard';
import { answerMalformedRequests, answerUnrouted } from './fallback';
import { baseHeadersOnEveryResponse, securityHeaders } from './security-headers';
import { limitVerification } from './verify-rate-limit';
import { serveOpenApi } from './openapi';

/** Operations routes stay at the root; everything else lives under /api/v1. */
const ROOT_ROUTES = ['health', 'metrics'];

/**
 * Builds the field's Nest application for a role, configured exactly as production runs it.
 * main.ts and the tests both start the server through here.
 */
export async function createFieldApp(config: FieldConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRole(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  const logger = app.get(Logger);
  app.useLogger(logger);
  app.useWebSocketAdapter(new FieldIoAdapter(app, config));
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  answerMalformedRequests(app.getHttpServer());
  app.use(securityHeaders());
  // Telemetry batches may be up to 256 KiB of JSON; nothing else comes close.
  app.useBodyParser('json', { limit: '300kb', type: ['application/json', 'application/*+json'] });
  app.setGlobalPrefix('api/v1', { exclude: ROOT_ROUTES });
  app.enableShutdownHooks();
  if (config.role !== 'worker') {
    serveOpenApi(app);
    limitVerification(app, (error) => logger.warn({ err: error }, 'the verification rate limit cannot reach Redis'));
    // The URL in a report's QR code, at the root; registered before the dashboard's fallback.
    (app.getHttpAdapter().getInstance() as Application).get(
      '/verify/:number',
      verifyPageHandler(app.get(ReportsService), app.get(ExamLedgers)),
    );
    serveDashboard(app, config, (message) => logger.warn(message));
  }
  // Nest adds its router on init; what comes after it answers whatever the router did not.
  await app.init();
  baseHeadersOnEveryResponse(app.getHttpServer());
  answerUnrouted(app, (error, req) =>
    logger.error({ err: error, method: req.method, url: req.path }, 'unexpected failure outside the API'),
  );
  return app;
}
