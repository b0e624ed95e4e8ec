import type { Level } from './attributes.ts';

/** A village or township as the database knows it. */
export interface Unit {
  code: string;
  name: string;
  /** Villages: the NBS name (将军头村委会) beside the display name (将军头村). */
  nbsName?: string;
  townshipCode?: string;
  townshipName?: string;
}

/** What a feature says about itself; `feature` is its 1-based position in the file. */
export interface FeatureKey {
  feature: number;
  code: string | null;
  name: string | null;
  township: string | null;
}

export interface Match {
  feature: number;
  unit: Unit;
  by: 'code' | 'name';
}

export interface Unmatched {
  feature: number;
  code: string | null;
  name: string | null;
  township: string | null;
  reason: string;
}

export interface Duplicate {
  code: string;
  name: string;
  features: number[];
}

export interface MatchResult {
  matches: Match[];
  unmatched: Unmatched[];
  duplicates: Duplicate[];
  /** Units of the level that no feature matched: they keep their boundary. */
  missing: string[];
}

/** The unit's own code for a code in the file (a township's 12-digit form ends in 000). */
function unitCode(level: Level, code: string): string | null {
  if (level === 'village') return /^\d{12}$/.test(code) ? code : null;
  if (/^\d{9}$/.test(code)) return code;
  return /^\d{9}000$/.test(code) ? code.slice(0, 9) : null;
}

function inTownship(unit: Unit, township: string | null): boolean {
  if (township === null) return true;
  return /^\d{9}$/.test(township) ? unit.townshipCode === township : unit.townshipName === township;
}

/**
 * Matches features to units: by code first; a code the county does not have (e.g. from before a
 * merger of villages) falls back to the exact name, within the township when the file names it.
 * Two features for one unit are a duplicate, which rejects the file: which one is right is a
 * question for a person.
 */
export function matchFeatures(level: Level, keys: readonly FeatureKey[], units: readonly Unit[]): MatchResult {
  const byCode = new Map(units.map((u) => [u.code, u]));
  const matches: Match[] = [];
  const unmatched: Unmatched[] = [];

  for (const k of keys) {
    const code = k.code === null ? null : unitCode(level, k.code);
    const unit = code === null ? undefined : byCode.get(code);
    if (unit) {
      matches.push({ feature: k.feature, unit, by: 'code' });
      continue;
    }
    const codeNote = k.code === null ? 'no code' : code === null ? `code ${k.code} is not a ${level} code` : `no ${level} with code ${k.code}`;
    if (k.name === null) {
      unmatched.push({ ...k, reason: `${codeNote} and no name` });
      continue;
    }
    const named = units.filter((u) => (u.name === k.name || u.nbsName === k.name) && (level === 'township' || inTownship(u, k.township)));
    const where = level === 'village' && k.township !== null ? ` in ${k.township}` : '';
    if (named.length === 1) matches.push({ feature: k.feature, unit: named[0]!, by: 'name' });
    else if (named.length === 0) unmatched.push({ ...k, reason: `${codeNote}; no ${level} named ${k.name}${where}` });
    else
      unmatched.push({
        ...k,
        reason: `${codeNote}; ${named.length} ${level}s are named ${k.name}${where} (${named.map((u) => u.code).join(', ')}): add a code or township field`,
      });
  }

  const featuresByUnit = new Map<string, Match[]>();
  for (const m of matches) featuresByUnit.set(m.unit.code, [...(featuresByUnit.get(m.unit.code) ?? []), m]);
  const duplicates = [...featuresByUnit.values()]
    .filter((ms) => ms.length > 1)
    .map((ms) => ({ code: ms[0]!.unit.code, name: ms[0]!.unit.name, features: ms.map((m) => m.feature) }));
  const missing = units.filter((u) => !featuresByUnit.has(u.code)).map((u) => u.code);
  return { matches, unmatched, duplicates, missing };
}
