/*
 * Steps through JSON text that JSON.parse has already accepted, to find where a value lies in it
 * without parsing it again. Each answers -1 (or stops) where the text is not what it expects.
 */

/** Character codes of JSON's punctuation. */
export const JSON_CHAR = {
  quote: 0x22,
  backslash: 0x5c,
  comma: 0x2c,
  colon: 0x3a,
  openBracket: 0x5b,
  closeBracket: 0x5d,
  openBrace: 0x7b,
  closeBrace: 0x7d,
} as const;

const {
  quote: QUOTE,
  backslash: BACKSLASH,
  comma: COMMA,
  openBracket: OPEN_BRACKET,
  closeBracket: CLOSE_BRACKET,
  openBrace: OPEN_BRACE,
  closeBrace: CLOSE_BRACE,
} = JSON_CHAR;

export function isJsonSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** The first index from `i` on that is not insignificant whitespace. */
export function skipJsonSpace(text: string, i: number): number {
  while (isJsonSpace(text.charCodeAt(i))) i++;
  return i;
}

/** Past the closing quote of the string literal opening at `start`; -1 when it does not close. */
export function endOfJsonString(text: string, start: number): number {
  if (text.charCodeAt(start) !== QUOTE) return -1;
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return i + 1;
    if (c === BACKSLASH) i++;
  }
  return -1;
}

/** Past the end of the JSON value starting at `start`; -1 when it does not end. */
export function endOfJsonValue(text: string, start: number): number {
  const first = text.charCodeAt(start);
  if (first === QUOTE) return endOfJsonString(text, start);
  if (first === OPEN_BRACKET || first === OPEN_BRACE) {
    let depth = 0;
    for (let i = start; i < text.length; i++) {
      const c = text.charCodeAt(i);
      // Digits and punctuation, most of a telemetry batch, take the one comparison.
      if (c >= OPEN_BRACKET) {
        if (c === OPEN_BRACKET || c === OPEN_BRACE) depth++;
        else if ((c === CLOSE_BRACKET || c === CLOSE_BRACE) && --depth === 0) return i + 1;
      } else if (c === QUOTE) {
        const end = endOfJsonString(text, i);
        if (end < 0) return -1;
        i = end - 1;
      }
    }
    return -1;
  }
  // A number, true, false or null: up to the next delimiter.
  let i = start;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || isJsonSpace(c)) break;
    i++;
  }
  return i > start ? i : -1;
}

/** Whether the string literal text[start, end) means `expected`, escapes and all. */
export function jsonStringIs(text: string, start: number, end: number, expected: string): boolean {
  const inner = text.slice(start + 1, end - 1);
  if (inner === expected) return true;
  return inner.includes('\\') && JSON.parse(text.slice(start, end)) === expected;
}
