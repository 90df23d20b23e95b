import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CreateTaskBody, pageOf, Task, TaskQuery } from '@app/contract';
import { Actor, AnyRole, CurrentActor, Roles } from '@app/platform';
import { TasksService } from './tasks.service';

@ApiTags('exams')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Roles('admin')
  @Post()
  @ApiOperation({ summary: 'Add a task to the catalogue, with the variations an exam’s plan draws from' })
  @ApiCreatedResponse({ standardSchema: Task })
  @ApiConflictResponse({ description: 'a task with this key exists' })
  create(@Body({ schema: CreateTaskBody }) body: CreateTaskBody, @CurrentActor() actor: Actor) {
    return this.tasks.create(body, actor);
  }

  @AnyRole()
  @Get()
  @ApiOperation({ summary: 'The task catalogue, by key, in one page (optionally of one domain)' })
  @ApiOkResponse({ standardSchema: pageOf(Task) })
  async list(@Query({ schema: TaskQuery }) query: TaskQuery) {
    return { items: await this.tasks.list(query.domain), nextCursor: null };
  }
}
