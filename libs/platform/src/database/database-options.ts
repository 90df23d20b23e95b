import type { DataSourceOptions, EntitySchema, MixedList } from 'typeorm';
import type { FieldConfig } from '../config/field-config';
import { FieldNamingStrategy } from './naming-strategy';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type EntityList = MixedList<Function | string | EntitySchema>;

/**
 * The one source of TypeORM options: the Nest module and the schema-drift check both build
 * their DataSource from here. Schema changes only come from prisma-free-migrations/.
 */
export function databaseOptions(
  config: Pick<FieldConfig, 'databaseUrl' | 'databasePoolSize' | 'role'>,
  entities: EntityList,
): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.databaseUrl,
    entities,
    namingStrategy: new FieldNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    dropSchema: false,
    logging: false,
    poolSize: config.databasePoolSize,
    extra: {
      application_name: `field-${config.role}`,
      connectionTimeoutMillis: 5_000,
      // A transaction left open by a crashed request must not hold locks for long.
      idle_in_transaction_session_timeout: 60_000,
    },
  };
}
