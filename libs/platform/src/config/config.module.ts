import { DynamicModule, Global, Module } from '@nestjs/common';
import { FieldConfig } from './field-config';

export const FIELD_CONFIG = Symbol('FIELD_CONFIG');

/** Provides the validated configuration; nothing else in the server reads the environment. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: FieldConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: FIELD_CONFIG, useValue: Object.freeze({ ...config }) }],
      exports: [FIELD_CONFIG],
    };
  }
}
