import { endOfJsonString, endOfJsonValue, isJsonSpace, JSON_CHAR, jsonStringIs, skipJsonSpace } from '@app/platform';

const { comma: COMMA, colon: COLON, openBracket: OPEN_BRACKET, closeBracket: CLOSE_BRACKET } = JSON_CHAR;
const { openBrace: OPEN_BRACE, closeBrace: CLOSE_BRACE } = JSON_CHAR;

/**
 * The text of `samples` in the JSON a robot sent for a batch, as the robot wrote it, so watchers can
 * be sent those very characters: a new serialisation of the parsed samples costs more than parsing
 * them did. `batchJson` must be the text that JSON.parse turned into a well-formed batch, an object
 * with exactly the members `seq` and `samples`; the answer then parses to the same samples. Null
 * when the text is not of that shape.
 */
export function samplesJsonIn(batchJson: string): string | null {
  let i = skipJsonSpace(batchJson, 0);
  if (batchJson.charCodeAt(i) !== OPEN_BRACE) return null;
  i = skipJsonSpace(batchJson, i + 1);
  let samples: string | null = null;
  for (;;) {
    const keyEnd = endOfJsonString(batchJson, i);
    if (keyEnd < 0) return null;
    const isSamples = jsonStringIs(batchJson, i, keyEnd, 'samples');
    i = skipJsonSpace(batchJson, keyEnd);
    if (batchJson.charCodeAt(i) !== COLON) return null;
    const valueStart = skipJsonSpace(batchJson, i + 1);
    if (isSamples) {
      const last = valueRunningToTheEnd(batchJson, valueStart);
      if (last !== null) return last;
    }
    const valueEnd = endOfJsonValue(batchJson, valueStart);
    if (valueEnd < 0) return null;
    // Like JSON.parse, the last of two `samples` members wins.
    if (isSamples) samples = batchJson.slice(valueStart, valueEnd);
    i = skipJsonSpace(batchJson, valueEnd);
    const next = batchJson.charCodeAt(i);
    if (next === CLOSE_BRACE) return samples;
    if (next !== COMMA) return null;
    i = skipJsonSpace(batchJson, i + 1);
  }
}

/**
 * The usual case, without walking the samples: the array starting at `valueStart` is the object's
 * last member when nothing after its start could begin another member. The object has no members
 * but `seq` and `samples`, so another would be keyed `"seq"` or `"samples"`, or spelt with a `\u`
 * escape; where none of those appears, the array runs to the closing brace. (A sample with a key
 * named `seq` just takes the walk.)
 */
function valueRunningToTheEnd(batchJson: string, valueStart: number): string | null {
  let end = batchJson.length - 1;
  while (isJsonSpace(batchJson.charCodeAt(end))) end--;
  if (batchJson.charCodeAt(end) !== CLOSE_BRACE) return null;
  end--;
  while (isJsonSpace(batchJson.charCodeAt(end))) end--;
  if (batchJson.charCodeAt(valueStart) !== OPEN_BRACKET || batchJson.charCodeAt(end) !== CLOSE_BRACKET) return null;
  const value = batchJson.slice(valueStart, end + 1);
  return mayHoldAnotherMember(value) ? null : value;
}

function mayHoldAnotherMember(text: string): boolean {
  if (text.includes('\\u')) return true;
  for (let at = text.indexOf('"s'); at >= 0; at = text.indexOf('"s', at + 2)) {
    if (text.startsWith('eq"', at + 2) || text.startsWith('amples"', at + 2)) return true;
  }
  return false;
}
