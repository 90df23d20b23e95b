import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReportNumberParam, ReportVerification, VerificationPublicKey } from '@app/contract';
import { Public } from '@app/platform';
import { ReportsService } from '../issuing/reports.service';
import { SigningKeyService } from '../signing/signing-key.service';

/** Verification, public by design: anyone holding a report number (or its QR code) may check it. */
@ApiTags('verification')
@Controller('verify')
export class VerifyController {
  constructor(
    private readonly reports: ReportsService,
    private readonly keys: SigningKeyService,
  ) {}

  @Public()
  @Get('public-key')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ summary: 'The Ed25519 public key that verifies report signatures (SPKI PEM)' })
  @ApiOkResponse({ standardSchema: VerificationPublicKey })
  publicKey(): VerificationPublicKey {
    return { algorithm: 'Ed25519', publicKey: this.keys.publicKeyPem() };
  }

  @Public()
  @Get(':number')
  @Header('Cache-Control', 'no-cache')
  @ApiOperation({ summary: 'Whether a report is valid, and for which robot; 404 for an unknown number' })
  @ApiOkResponse({ standardSchema: ReportVerification })
  async verify(@Param('number', { schema: ReportNumberParam }) number: string): Promise<ReportVerification> {
    return (await this.reports.verify(number)).verification;
  }
}
