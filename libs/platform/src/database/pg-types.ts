import { types } from 'pg';

/** A calendar date is a date, not a midnight in the server's time zone: keep `date` columns as text. */
export function configurePgTypes(): void {
  types.setTypeParser(types.builtins.DATE, (value: string) => value);
}
