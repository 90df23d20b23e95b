import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CreateUserBody, Id, ListUsersQuery, pageOf, UpdateUserBody, User } from '@app/contract';
import { Actor, CurrentActor, Roles } from '@app/platform';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Roles('admin')
  @Post()
  @ApiOperation({ summary: 'Create a user (vendor users belong to one vendor)' })
  @ApiCreatedResponse({ standardSchema: User })
  @ApiConflictResponse({ description: 'the email is taken' })
  create(@Body({ schema: CreateUserBody }) body: CreateUserBody) {
    return this.users.create(body);
  }

  @Roles('admin')
  @Get()
  @ApiOkResponse({ standardSchema: pageOf(User) })
  list(@Query({ schema: ListUsersQuery }) query: ListUsersQuery) {
    return this.users.list(query);
  }

  @Roles('admin', 'operator', 'engineer', 'vendor')
  @Get('me')
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ standardSchema: User })
  me(@CurrentActor() actor: Actor) {
    return this.users.get(actor.id);
  }

  @Roles('admin')
  @Get(':id')
  @ApiOkResponse({ standardSchema: User })
  get(@Param('id', { schema: Id }) id: string) {
    return this.users.get(id);
  }

  @Roles('admin')
  @Patch(':id')
  @ApiOperation({ summary: 'Rename, change role, reset the password or deactivate a user' })
  @ApiOkResponse({ standardSchema: User })
  update(
    @Param('id', { schema: Id }) id: string,
    @Body({ schema: UpdateUserBody }) body: UpdateUserBody,
    @CurrentActor() actor: Actor,
  ) {
    return this.users.update(id, body, actor);
  }
}
