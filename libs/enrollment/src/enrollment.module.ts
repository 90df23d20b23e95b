import { Global, Module } from '@nestjs/common';
import { DEVICE_TOKEN_VERIFIER } from '@app/platform';
import { DeviceTokensService } from './device-tokens/device-tokens.service';
import { RobotsController } from './robots/robots.controller';
import { RobotsService } from './robots/robots.service';

/** Robots as students. Global so the access guard and the robot socket find the device-token verifier. */
@Global()
@Module({
  providers: [RobotsService, DeviceTokensService, { provide: DEVICE_TOKEN_VERIFIER, useExisting: DeviceTokensService }],
  exports: [RobotsService, DeviceTokensService, DEVICE_TOKEN_VERIFIER],
})
export class EnrollmentModule {}

@Module({
  imports: [EnrollmentModule],
  controllers: [RobotsController],
})
export class EnrollmentHttpModule {}
