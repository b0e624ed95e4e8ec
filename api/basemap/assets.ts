import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

// Names are checked against these patterns before they reach the file system: no path is ever
// built from anything else the client sends.
const FONT_NAME = /^[A-Za-z0-9 _.-]{1,80}$/;
const RANGE = /^(\d{1,6})-(\d{1,6})\.pbf$/;
const SPRITE = /^(light|dark)(@2x)?\.(json|png)$/;

export interface Asset {
  body: Uint8Array;
  contentType: string;
}

async function readOrNull(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** Whether a request names a glyph range MapLibre could ask for: 256 code points from a multiple of 256. */
export function isGlyphRange(range: string): boolean {
  const m = RANGE.exec(range);
  if (!m) return false;
  const start = Number(m[1]);
  return start % 256 === 0 && Number(m[2]) === start + 255 && start < 65536;
}

/**
 * One glyph range for a font stack ("Noto Sans Regular" or "A,B"): the first font of the stack that
 * has the range. Null when none has it (MapLibre then draws those glyphs from local fonts).
 */
export async function glyphRange(assets: string, fontstack: string, range: string): Promise<Asset | null> {
  const fonts = fontstack.split(',').map((f) => f.trim());
  if (!isGlyphRange(range) || fonts.some((f) => !FONT_NAME.test(f) || f.startsWith('.'))) return null;
  for (const font of fonts) {
    const body = await readOrNull(join(assets, 'fonts', font, range));
    if (body) return { body, contentType: 'application/x-protobuf' };
  }
  return null;
}

/** A sprite sheet or its index (light.json, dark@2x.png, ...). */
export async function spriteFile(assets: string, file: string): Promise<Asset | null> {
  const m = SPRITE.exec(file);
  if (!m) return null;
  const body = await readOrNull(join(assets, 'sprites', file));
  return body && { body, contentType: m[3] === 'json' ? 'application/json' : 'image/png' };
}
