import type { Handle } from '../../db/index.ts';
import { ForbiddenError, UnprocessableError } from '../../errors.ts';

const LOCATE = `
  WITH p AS (SELECT ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4326) AS g)
  SELECT EXISTS (SELECT 1 FROM county c, p WHERE ST_Intersects(c.geom, p.g)) AS in_county,
         coalesce((SELECT array_agg(v.code ORDER BY v.code) FROM village v, p WHERE ST_Intersects(v.geom, p.g)), '{}') AS codes`;

const NAMES = `SELECT code, name FROM village WHERE code = ANY($1::text[])`;

export interface Located {
  villageCode: string;
  townshipCode: string;
}

async function names(h: Handle, codes: string[]): Promise<Map<string, string>> {
  const rows = await h.query<{ code: string; name: string }>(NAMES, [codes]);
  return new Map(rows.map((r) => [r.code, r.name]));
}

/**
 * Row-level security hides villages beyond the caller's scope: one that exists but is hidden is
 * "not yours" (403), not "unknown" (422).
 */
async function refuseIfElsewhere(h: Handle, sql: string, params: unknown[]): Promise<void> {
  const [row] = await h.query<{ v: string | null }>(sql, params);
  if (row?.v) throw new ForbiddenError(`village ${row.v} is outside your scope`, 'out_of_scope');
}

/**
 * The village a reported point lies in, by point-in-polygon in PostGIS. A point outside the
 * county, or not in the village the reporter named, is refused with a message that says where
 * it actually is. A point on a shared edge belongs to the named village if it touches it.
 */
export async function locate(h: Handle, lng: number, lat: number, stated?: string): Promise<Located> {
  const [row] = await h.query<{ in_county: boolean; codes: string[] }>(LOCATE, [lng, lat]);
  const codes = row?.codes ?? [];
  if (stated) {
    const known = await names(h, [stated, ...codes]);
    if (!known.has(stated)) await refuseIfElsewhere(h, `SELECT app_village_of('village', $1) AS v`, [stated]);
    if (!known.has(stated)) throw new UnprocessableError('unknown_village', `no village with code ${stated}`, { villageCode: 'unknown village code' });
    if (codes.includes(stated)) return { villageCode: stated, townshipCode: stated.slice(0, 9) };
    if (codes.length > 0) {
      const actual = codes[0]!;
      throw new UnprocessableError(
        'location_mismatch',
        `the point (${lng}, ${lat}) lies in ${known.get(actual)} (${actual}), not in the stated ${known.get(stated)} (${stated})`,
        { villageCode: `the point is in ${actual}` },
        { actualVillageCode: actual },
      );
    }
  }
  if (codes.length === 0) await refuseIfElsewhere(h, 'SELECT app_village_at($1, $2) AS v', [lng, lat]);
  if (!row?.in_county && codes.length === 0) {
    throw new UnprocessableError('outside_county', `the point (${lng}, ${lat}) is outside 衡阳县 (Hengyang County)`, { lng: 'outside the county', lat: 'outside the county' });
  }
  if (codes.length === 0) {
    throw new UnprocessableError('no_village', `the point (${lng}, ${lat}) is inside the county but in no village boundary`, { lng: 'in no village' });
  }
  return { villageCode: codes[0]!, townshipCode: codes[0]!.slice(0, 9) };
}
