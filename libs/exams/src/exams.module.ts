import { Module } from '@nestjs/common';
import { EnrollmentModule } from '@app/enrollment';
import { SchedulingModule } from '@app/scheduling';
import { ExamsController } from './exams/exams.controller';
import { ExamsRepository } from './exams/exams.repository';
import { ExamsService } from './exams/exams.service';
import { TasksController } from './tasks/tasks.controller';
import { TasksRepository } from './tasks/tasks.repository';
import { TasksService } from './tasks/tasks.service';

/** Graduation exams: the task catalogue, sequential trials and their ledger. */
@Module({
  imports: [EnrollmentModule, SchedulingModule],
  providers: [TasksRepository, TasksService, ExamsRepository, ExamsService],
  exports: [TasksService, ExamsService],
})
export class ExamsModule {}

@Module({
  imports: [ExamsModule],
  controllers: [TasksController, ExamsController],
})
export class ExamsHttpModule {}
