/**
 * The metric catalog names some metrics as templates: `spec.<name>` for every declared spec and
 * `task.…:<taskKey>` for a task metric of one task. A criterion names a concrete metric; the editor
 * picks a catalog entry and, for a template, the part that fills its placeholder.
 */
export interface MetricChoice {
  /** The catalog key chosen (a template or a concrete metric), or null when the value matches none. */
  key: string | null;
  /** What fills the template's placeholder ('' when the key is no template). */
  param: string;
}

const PLACEHOLDER = /<[^<>]+>$/;

export const isTemplate = (key: string): boolean => PLACEHOLDER.test(key);

/** What a template's placeholder stands for (`name`, `taskKey`). */
export const placeholderOf = (key: string): string | null => key.match(PLACEHOLDER)?.[0].slice(1, -1) ?? null;

const prefixOf = (template: string) => template.replace(PLACEHOLDER, '');

/** The metric as a criterion names it: the template's prefix and the filled-in part, or the key itself. */
export function metricOf(key: string, param: string): string {
  return isTemplate(key) ? prefixOf(key) + param.trim() : key;
}

/** Which catalog entry a criterion's metric comes from: itself, else the template with the longest matching prefix. */
export function choiceOf(metric: string | undefined, catalogKeys: readonly string[]): MetricChoice {
  if (!metric) return { key: null, param: '' };
  if (catalogKeys.includes(metric) && !isTemplate(metric)) return { key: metric, param: '' };
  const template = catalogKeys
    .filter((key) => isTemplate(key) && metric.startsWith(prefixOf(key)))
    .sort((a, b) => prefixOf(b).length - prefixOf(a).length)[0];
  return template ? { key: template, param: metric.slice(prefixOf(template).length) } : { key: null, param: '' };
}
