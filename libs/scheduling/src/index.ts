import { SessionRobotEntity, SessionSeriesEntity, TrainingSessionEntity } from './sessions/session.entity';

export { SchedulingModule, SchedulingHttpModule } from './scheduling.module';
export { SessionsService, SESSION_UPDATED } from './sessions/sessions.service';
export { sessionTransition, SESSION_TRANSITIONS } from './sessions/session-state';

export const SCHEDULING_ENTITIES = [TrainingSessionEntity, SessionRobotEntity, SessionSeriesEntity];
