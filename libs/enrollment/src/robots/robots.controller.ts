import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  AdmissionDecisionBody,
  CreateRobotBody,
  DeviceTokenIssued,
  Id,
  ListRobotsQuery,
  PageQuery,
  pageOf,
  Robot,
  RobotStatusChange,
  UpdateRobotBody,
  WithdrawBody,
} from '@app/contract';
import { Actor, AnyRole, CurrentActor, Roles } from '@app/platform';
import { DeviceTokensService } from '../device-tokens/device-tokens.service';
import { RobotsService } from './robots.service';

@ApiTags('robots')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'no such robot, or (for a vendor) not one of its robots' })
@Controller('robots')
export class RobotsController {
  constructor(
    private readonly robots: RobotsService,
    private readonly deviceTokens: DeviceTokensService,
  ) {}

  @Roles('operator', 'admin')
  @Post()
  @ApiOperation({ summary: 'Register a robot as a student (status "applied")' })
  @ApiCreatedResponse({ standardSchema: Robot })
  @ApiConflictResponse({ description: 'the serial number is already registered' })
  create(@Body({ schema: CreateRobotBody }) body: CreateRobotBody, @CurrentActor() actor: Actor) {
    return this.robots.create(body, actor);
  }

  @AnyRole()
  @Get()
  @ApiOperation({ summary: 'Robots, filtered; a vendor sees only its own' })
  @ApiOkResponse({ standardSchema: pageOf(Robot) })
  list(@Query({ schema: ListRobotsQuery }) query: ListRobotsQuery, @CurrentActor() actor: Actor) {
    return this.robots.list(query, actor);
  }

  @AnyRole()
  @Get(':id')
  @ApiOkResponse({ standardSchema: Robot })
  get(@Param('id', { schema: Id }) id: string, @CurrentActor() actor: Actor) {
    return this.robots.get(id, actor);
  }

  @Roles('operator', 'admin')
  @Patch(':id')
  @ApiOkResponse({ standardSchema: Robot })
  update(
    @Param('id', { schema: Id }) id: string,
    @Body({ schema: UpdateRobotBody }) body: UpdateRobotBody,
    @CurrentActor() actor: Actor,
  ) {
    return this.robots.update(id, body, actor);
  }

  @AnyRole()
  @Get(':id/status-history')
  @ApiOperation({ summary: 'Every lifecycle step of the robot, oldest first' })
  @ApiOkResponse({ standardSchema: pageOf(RobotStatusChange) })
  statusHistory(
    @Param('id', { schema: Id }) id: string,
    @Query({ schema: PageQuery }) query: PageQuery,
    @CurrentActor() actor: Actor,
  ) {
    return this.robots.statusHistory(id, query, actor);
  }

  @Roles('admin')
  @Post(':id/admission-decision')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Admit (applied/rejected → enrolled) or reject (applied → rejected) by hand, with a reason',
  })
  @ApiOkResponse({ standardSchema: Robot })
  @ApiConflictResponse({ description: 'the robot is not in a state the decision applies to' })
  decideAdmission(
    @Param('id', { schema: Id }) id: string,
    @Body({ schema: AdmissionDecisionBody }) body: AdmissionDecisionBody,
    @CurrentActor() actor: Actor,
  ) {
    return this.robots.decideAdmission(id, body, actor);
  }

  @Roles('operator', 'admin')
  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw the robot from the field (from any status)' })
  @ApiOkResponse({ standardSchema: Robot })
  @ApiConflictResponse({ description: 'already withdrawn' })
  withdraw(
    @Param('id', { schema: Id }) id: string,
    @Body({ schema: WithdrawBody }) body: WithdrawBody,
    @CurrentActor() actor: Actor,
  ) {
    return this.robots.withdraw(id, body, actor);
  }

  @Roles('operator', 'admin')
  @Post(':id/device-token')
  @ApiOperation({ summary: 'Issue the robot a device token (shown once); the previous one stops working' })
  @ApiCreatedResponse({ standardSchema: DeviceTokenIssued })
  issueDeviceToken(@Param('id', { schema: Id }) id: string, @CurrentActor() actor: Actor) {
    return this.deviceTokens.issue(id, actor);
  }
}
