export { SchedulingModule, SchedulingHttpModule } from './scheduling.module';
export { SessionQueriesService } from './sessions/session-queries.service';
export { SESSION_UPDATED } from './sessions/session-events';
export { sessionTransition, SESSION_TRANSITIONS } from './sessions/session-state';
