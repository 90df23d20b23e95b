import { ENROLLMENT_ENTITIES } from '@app/enrollment';
import { FIELD_ENTITIES } from '@app/field';
import { SCHEDULING_ENTITIES } from '@app/scheduling';
import { SCORING_ENTITIES } from '@app/scoring';

/** Every TypeORM entity of the field: the one list the app and the schema-drift check share. */
export const ALL_ENTITIES = [
  ...FIELD_ENTITIES,
  ...ENROLLMENT_ENTITIES,
  ...SCHEDULING_ENTITIES,
  ...SCORING_ENTITIES,
];
