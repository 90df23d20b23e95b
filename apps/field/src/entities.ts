import { ENROLLMENT_ENTITIES } from '@app/enrollment';
import { FIELD_ENTITIES } from '@app/field';
import { IDENTITY_ENTITIES } from '@app/identity';
import { PLATFORM_ENTITIES } from '@app/platform';
import { SCHEDULING_ENTITIES } from '@app/scheduling';

/** Every TypeORM entity of the field: the one list the app and the schema-drift check share. */
export const ALL_ENTITIES = [
  ...PLATFORM_ENTITIES,
  ...IDENTITY_ENTITIES,
  ...FIELD_ENTITIES,
  ...ENROLLMENT_ENTITIES,
  ...SCHEDULING_ENTITIES,
];
