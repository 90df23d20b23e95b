export { EnrollmentModule, EnrollmentHttpModule } from './enrollment.module';
export { RobotsService, ROBOT_LINK_REVOKED } from './robots/robots.service';
export type { TransitionOptions } from './robots/robots.service';
export { DeviceTokensService } from './device-tokens/device-tokens.service';
export { transition, ROBOT_TRANSITIONS } from './robots/robot-lifecycle';
export type { RobotEvent } from './robots/robot-lifecycle';
