/** Every TypeORM entity of the field: the one list the app and the schema-drift check share. */
export const ALL_ENTITIES: (new () => unknown)[] = [];
