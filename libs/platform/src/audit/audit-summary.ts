/** Fields whose values never enter the audit trail. */
const SECRET_FIELD = /password|secret|token|hash|signingkey/i;

type Fields = Record<string, unknown>;

/**
 * A short before/after summary: for an update only the fields that changed, with secrets replaced
 * by a marker so the trail says that a password changed but never what it is.
 */
export function summarize(before: Fields | null | undefined, after: Fields | null | undefined): Fields {
  if (before && after) {
    const changedBefore: Fields = {};
    const changedAfter: Fields = {};
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
        changedBefore[key] = redact(key, before[key]);
        changedAfter[key] = redact(key, after[key]);
      }
    }
    return { before: changedBefore, after: changedAfter };
  }
  const summary: Fields = {};
  if (before) summary.before = redactAll(before);
  if (after) summary.after = redactAll(after);
  return summary;
}

function redactAll(fields: Fields): Fields {
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, redact(key, value)]));
}

function redact(key: string, value: unknown): unknown {
  if (value === undefined) return null;
  return SECRET_FIELD.test(key) ? '[redacted]' : value;
}
