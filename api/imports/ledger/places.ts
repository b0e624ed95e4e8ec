import { campaignKey } from '../../contract/campaign.ts';
import type { Handle } from '../../db/index.ts';
import type { Normalised } from './values.ts';

/**
 * The county's townships, villages and linked officers, loaded once per import (a few hundred
 * rows), and how ledger text finds them: codes, or exact names within a township.
 */

export interface Township {
  code: string;
  name: string;
}
export interface Village {
  code: string;
  townshipCode: string;
  name: string;
  nbsName: string;
}
export interface Officer {
  id: string;
  name: string;
  villageCode: string;
}

/** A campaign (专项行动) the importer sees: a ledger names it by name or code. */
export interface CampaignRef {
  code: string;
  name: string;
}

export interface Reference {
  townships: Township[];
  villages: Village[];
  officers: Officer[];
  /** Absent: the file may name no campaign. */
  campaigns?: CampaignRef[];
}

export async function loadReference(h: Handle): Promise<Reference> {
  const townships = await h.query<Township>('SELECT code, name FROM township ORDER BY code');
  const villages = await h.query<Village>('SELECT code, township_code AS "townshipCode", name, nbs_name AS "nbsName" FROM village ORDER BY code');
  const officers = await h.query<Officer>('SELECT id, name, village_code AS "villageCode" FROM officer ORDER BY id');
  // Row-level security: a chief's import sees the county's campaigns and their township's.
  const campaigns = await h.query<CampaignRef>('SELECT code, name FROM campaign ORDER BY start_date DESC, code');
  return { townships, villages, officers, campaigns };
}

/** Edit distance between two short strings (village names are 2-8 characters). */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

const clean = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

export class Places {
  private readonly townshipByCode = new Map<string, Township>();
  private readonly townshipByName = new Map<string, Township>();
  private readonly villageByCode = new Map<string, Village>();
  private readonly villagesOf = new Map<string, Village[]>();
  private readonly officerOfVillage = new Map<string, Officer>();
  /** Each key (a code, or a name's campaignKey) with every campaign it could mean. */
  private readonly campaignByKey = new Map<string, Set<string>>();
  private readonly campaignNames: string[];

  constructor(ref: Reference) {
    for (const c of ref.campaigns ?? []) for (const key of [c.code, campaignKey(c.name)]) this.campaignByKey.set(key, (this.campaignByKey.get(key) ?? new Set()).add(c.code));
    this.campaignNames = (ref.campaigns ?? []).map((c) => c.name);
    for (const t of ref.townships) {
      this.townshipByCode.set(t.code, t);
      this.townshipByName.set(t.name, t);
      // 界牌 for 界牌镇: ledgers often drop the 镇/乡 suffix.
      this.townshipByName.set(t.name.replace(/[镇乡]$/, ''), t);
    }
    for (const v of ref.villages) {
      this.villageByCode.set(v.code, v);
      this.villagesOf.set(v.townshipCode, [...(this.villagesOf.get(v.townshipCode) ?? []), v]);
    }
    for (const o of ref.officers) this.officerOfVillage.set(o.villageCode, o);
  }

  /** A 专项行动 cell: names or codes, separated by 、 , ; (full- or half-width); each must be known. */
  campaigns(text: string): Normalised<string[]> {
    const codes = new Set<string>();
    for (const part of text.normalize('NFKC').split(/[、,;\s]+/)) {
      const key = campaignKey(part);
      if (!key) continue;
      const meant = [...(this.campaignByKey.get(key) ?? [])];
      const known = this.campaignNames.length ? this.campaignNames.join('、') : '（本乡镇没有可归入的专项行动）';
      if (meant.length === 0) return { ok: false, problem: `没有名为 ${clean(part)} 的专项行动`, expected: `以下之一的名称或代码：${known}` };
      // Two campaigns a cell could mean (made before names were kept apart): never guess one.
      if (meant.length > 1) return { ok: false, problem: `${clean(part)} 可指多个专项行动（${meant.sort().join('、')}）`, expected: '填写其中一个的代码' };
      codes.add(meant[0]!);
    }
    return { ok: true, value: [...codes].sort() };
  }

  townshipOf(code: string): Township | undefined {
    return this.townshipByCode.get(code);
  }

  township(text: string): Normalised<Township> {
    const t = clean(text);
    const hit = /^\d{9}$/.test(t) ? this.townshipByCode.get(t) : this.townshipByName.get(t);
    return hit ? { ok: true, value: hit } : { ok: false, problem: '没有这个乡镇', expected: '衡阳县的乡镇名称（如 界牌镇）或9位乡镇代码' };
  }

  /** A 12-digit code anywhere in the county, or a display or NBS name within `township`. */
  village(text: string, township: Township | null): Normalised<Village> {
    const t = clean(text);
    if (/^\d{12}$/.test(t)) {
      const v = this.villageByCode.get(t);
      if (!v) return { ok: false, problem: '没有这个代码的村（社区）', expected: '衡阳县的12位村（社区）代码' };
      if (township && v.townshipCode !== township.code) {
        return { ok: false, problem: `该村（社区）属于${this.townshipByCode.get(v.townshipCode)?.name}，不属于${township.name}`, expected: `${township.name}的村（社区）` };
      }
      return { ok: true, value: v };
    }
    if (!township) return { ok: false, problem: '填村（社区）名称时须有乡镇（不同乡镇有重名的村）', expected: '填写乡镇，或导入时选择乡镇，或改填12位村（社区）代码' };
    const candidates = this.villagesOf.get(township.code) ?? [];
    const hit = candidates.find((v) => v.name === t || v.nbsName === t);
    if (hit) return { ok: true, value: hit };
    return { ok: false, problem: `${township.name}没有这个名称的村（社区）`, expected: this.closest(t, township, candidates) };
  }

  officerOf(villageCode: string): Officer | undefined {
    return this.officerOfVillage.get(villageCode);
  }

  private closest(name: string, township: Township, candidates: Village[]): string {
    const near = candidates
      .map((v) => ({ v, d: Math.min(distance(name, v.name), distance(name, v.nbsName)) }))
      .filter((x) => x.d <= Math.max(1, Math.floor(name.length / 2)))
      .sort((a, b) => a.d - b.d)
      .slice(0, 3);
    const names = near.map((x) => x.v.name).join('、');
    return `${township.name}的村（社区）名称${names ? `（最接近的：${names}）` : ''}，或12位村（社区）代码`;
  }
}
