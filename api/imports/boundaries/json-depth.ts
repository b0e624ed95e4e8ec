/**
 * How deeply a JSON text nests arrays and objects, found by one linear pass over its bytes
 * before JSON.parse: a file of 100,000 nested brackets is tiny, but every recursive reader after
 * the parse (ours, the structured clone, PostGIS's) would overflow its stack on it.
 */

const [QUOTE, BACKSLASH, OPEN_ARRAY, CLOSE_ARRAY, OPEN_OBJECT, CLOSE_OBJECT] = [0x22, 0x5c, 0x5b, 0x5d, 0x7b, 0x7d];

/**
 * The deepest nesting of `bytes` (UTF-8 JSON), or `stopAbove + 1` as soon as it goes deeper than
 * `stopAbove`, so a hostile file is not scanned to its end. Brackets inside strings do not count.
 * Unbalanced brackets are left to JSON.parse to report.
 */
export function jsonDepth(bytes: Uint8Array, stopAbove = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) {
      inString = true;
    } else if (b === OPEN_ARRAY || b === OPEN_OBJECT) {
      if (++depth > deepest) {
        deepest = depth;
        if (deepest > stopAbove) return deepest;
      }
    } else if (b === CLOSE_ARRAY || b === CLOSE_OBJECT) {
      depth--;
    }
  }
  return deepest;
}
