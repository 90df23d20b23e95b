import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { FieldConfig } from '../config/field-config';
import { databaseOptions } from './database-options';
import { InstallSettingsRepository } from './install-settings.repository';
import { InstallSettingsService } from './install-settings.service';
import { configurePgTypes } from './pg-types';

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(config: FieldConfig): DynamicModule {
    configurePgTypes();
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          ...databaseOptions(config),
          // The database was reachable a moment ago for the migrations; fail fast instead of waiting.
          retryAttempts: 2,
          retryDelay: 1_000,
        }),
      ],
      providers: [InstallSettingsRepository, InstallSettingsService],
      exports: [InstallSettingsService],
    };
  }
}
