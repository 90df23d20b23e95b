import type { FieldError } from '@app/contract';
import { formatPath } from './validation-issues';

/** Deeper JSON than any contract shape; refusing it early keeps recursive walkers off the stack limit. */
export const MAX_INPUT_DEPTH = 32;

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode text (it has a lone surrogate)';
  return null;
}

/**
 * The first input PostgreSQL could not store faithfully, or a structure too deep to walk safely:
 * NUL characters and lone surrogates in any string or key, at any depth. Iterative, so hostile
 * nesting cannot overflow the stack here.
 */
export function findUnsafeInput(value: unknown, prefix?: string): FieldError | null {
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value, path: prefix ? [prefix] : [] }];
  const base = prefix ? 1 : 0;
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      const problem = textProblem(current);
      if (problem) return { field: formatPath(path), message: problem };
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (path.length - base >= MAX_INPUT_DEPTH) {
      return { field: formatPath(path), message: `is nested deeper than ${MAX_INPUT_DEPTH} levels` };
    }
    if (Array.isArray(current)) {
      current.forEach((item, index) => stack.push({ value: item, path: [...path, index] }));
      continue;
    }
    for (const [key, item] of Object.entries(current)) {
      const problem = textProblem(key);
      if (problem) return { field: formatPath([...path, sanitizeKey(key)]), message: `has a name that ${problem}` };
      stack.push({ value: item, path: [...path, key] });
    }
  }
  return null;
}

/** The field name echoed back must itself be printable. */
const sanitizeKey = (key: string) => key.replace(/\u0000/g, '\\u0000').replace(/[\uD800-\uDFFF]/g, '\uFFFD');
