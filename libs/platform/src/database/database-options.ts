import type { DataSourceOptions } from 'typeorm';
import type { FieldConfig } from '../config/field-config';

/**
 * The one source of TypeORM options. TypeORM gives the field its pool, DataSource and transactions;
 * there are no entities: row types are generated from the migrations (docs/architecture.md), and
 * schema changes only come from prisma-free-migrations/.
 */
export function databaseOptions(
  config: Pick<FieldConfig, 'databaseUrl' | 'databasePoolSize' | 'role'>,
): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.databaseUrl,
    entities: [],
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
