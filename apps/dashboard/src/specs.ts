import type { Specs } from '@app/contract';

/** What a person types as a spec value: a number, true/false, or else text. */
export function parseSpecValue(raw: string): number | boolean | string {
  const text = raw.trim();
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}

/** The form's rows of name and value, as the field's `specs` object; a row missing either is left out. */
export function specsFromRows(rows: readonly { name?: string; value?: string }[] | undefined): Specs {
  const specs: Specs = {};
  for (const row of rows ?? []) {
    const name = row.name?.trim();
    if (name && row.value?.trim()) specs[name] = parseSpecValue(row.value);
  }
  return specs;
}
