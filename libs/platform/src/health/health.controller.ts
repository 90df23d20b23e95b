import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthReport } from '@app/contract';
import type { Response } from 'express';
import Redis from 'ioredis';
import { Public } from '../access/access.decorators';
import { DatabasePing } from '../database/database-ping';
import { REDIS } from '../redis/redis.module';

const CHECK_TIMEOUT_MS = 1_500;

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: DatabasePing,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  @Public()
  @Get()
  @HttpCode(200)
  @ApiOkResponse({ description: 'PostgreSQL and Redis answer', standardSchema: HealthReport })
  @ApiServiceUnavailableResponse({ description: 'a dependency is down', standardSchema: HealthReport })
  async check(@Res() res: Response): Promise<void> {
    const [database, redis] = await Promise.all([probe(() => this.database.ping()), probe(() => this.redis.ping())]);
    const report: HealthReport = {
      status: database === 'ok' && redis === 'ok' ? 'ok' : 'unavailable',
      checks: { database, redis },
    };
    res
      .status(report.status === 'ok' ? 200 : 503)
      .setHeader('Cache-Control', 'no-store')
      .json(report);
  }
}

async function probe(check: () => Promise<unknown>): Promise<'ok' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return 'ok';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}
