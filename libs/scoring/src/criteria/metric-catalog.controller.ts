import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MetricCatalog } from '@app/contract';
import { AnyRole } from '@app/platform';
import { METRIC_CATALOG } from '../metrics/catalog';

@ApiTags('standard')
@ApiBearerAuth()
@Controller('metric-catalog')
export class MetricCatalogController {
  @AnyRole()
  @Get()
  @ApiOperation({
    summary: 'Every metric a criterion may name, with its unit, meaning and computation (not paged)',
  })
  @ApiOkResponse({ standardSchema: MetricCatalog })
  catalog(): MetricCatalog {
    return { items: [...METRIC_CATALOG] };
  }
}
