import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FieldInfo } from '@app/contract';
import { FIELD_CONFIG, FieldConfig, Public } from '@app/platform';
import { fieldVersion } from './install';

@ApiTags('operations')
@Controller('field-info')
export class FieldInfoController {
  constructor(@Inject(FIELD_CONFIG) private readonly config: FieldConfig) {}

  @Public()
  @Get()
  @Header('Cache-Control', 'no-cache')
  @ApiOperation({ summary: "The field's time zone, public URL and software version (no sign-in needed)" })
  @ApiOkResponse({ standardSchema: FieldInfo })
  info(): FieldInfo {
    return { timeZone: this.config.timeZone, publicUrl: this.config.publicUrl, version: fieldVersion() };
  }
}
