import { ArgumentMetadata, Injectable, StandardSchemaValidationPipe } from '@nestjs/common';
import { ValidationFailed } from './domain-error';
import { findUnsafeInput } from './input-text';
import { SchemaIssue, toFieldErrors } from './validation-issues';

/**
 * Validates every `@Body/@Query/@Param({ schema })` with its Standard Schema (zod) and answers
 * a 400 that names each bad field. Strict object schemas make unknown fields an error. Before any
 * schema, text PostgreSQL cannot store (NUL, lone surrogates) and hostile nesting are refused.
 */
@Injectable()
export class SchemaValidationPipe extends StandardSchemaValidationPipe {
  override async transform<T = unknown>(value: T, metadata: ArgumentMetadata): Promise<T> {
    const schema = metadata.schema;
    // Schema-less bodies (a telemetry batch) are the business of their own parser.
    if (!schema || !this.toValidate(metadata)) return value;
    const unsafe = findUnsafeInput(value, metadata.type === 'body' ? undefined : metadata.data);
    if (unsafe) throw new ValidationFailed([unsafe]);
    this.stripProtoKeys(value);
    const result = await schema['~standard'].validate(value);
    if (result.issues) {
      const prefix = metadata.type === 'param' || metadata.type === 'query' ? metadata.data : undefined;
      const input = value === undefined && metadata.type === 'body' ? undefined : value;
      const errors = toFieldErrors(result.issues as readonly SchemaIssue[], input, prefix);
      throw new ValidationFailed(
        errors.map((error) =>
          error.field === '' && metadata.type === 'body' && (input === undefined || typeof input !== 'object')
            ? { field: '', message: 'the body must be a JSON object' }
            : error,
        ),
      );
    }
    return result.value as T;
  }
}
