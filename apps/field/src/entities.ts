import { SCHEDULING_ENTITIES } from '@app/scheduling';

/** Every TypeORM entity of the field: the one list the app and the schema-drift check share. */
export const ALL_ENTITIES = [...SCHEDULING_ENTITIES];
