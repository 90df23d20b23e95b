import { Global, Module } from '@nestjs/common';
import { DEVICE_TOKEN_VERIFIER } from '@app/platform';
import { DeviceTokensRepository } from './device-tokens/device-tokens.repository';
import { DeviceTokensService } from './device-tokens/device-tokens.service';
import { RobotsController } from './robots/robots.controller';
import { RobotsRepository } from './robots/robots.repository';
import { RobotsService } from './robots/robots.service';

/** Robots as students. Global so the access guard and the robot socket find the device-token verifier. */
@Global()
@Module({
  providers: [
    RobotsRepository,
    RobotsService,
    DeviceTokensRepository,
    DeviceTokensService,
    { provide: DEVICE_TOKEN_VERIFIER, useExisting: DeviceTokensService },
  ],
  exports: [RobotsService, DeviceTokensService, DEVICE_TOKEN_VERIFIER],
})
export class EnrollmentModule {}

@Module({
  imports: [EnrollmentModule],
  controllers: [RobotsController],
})
export class EnrollmentHttpModule {}
