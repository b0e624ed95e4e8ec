import type { BoundarySource } from '../contract/enums.ts';
import type { Handle } from '../db/index.ts';
import { sqlFile } from './sql.ts';

const HEADS = sqlFile(import.meta.url, 'village-heads.sql');

/** A village's feature up to its metrics, and its boundary source (the layer's meta). */
export interface VillageHead {
  head: string;
  source: BoundarySource;
}

interface HeadRow extends VillageHead {
  code: string;
  token: string;
}

/** Beyond this many villages kept for one token (a province has about 30,500), it starts afresh. */
const MAX_KEPT = 200_000;

/**
 * The parts of the village layer that do not follow the filter, kept per token of the map's
 * version (migration 017): each request reads the token with its metrics, and a head is used only
 * under the token it was read with. One per API process and database (createApp makes it); what
 * it holds came from requests' own transactions, under their row-level security, and a request
 * only ever takes the heads of the villages its own metric rows name. The heads of the two latest
 * tokens are kept: while a replica replays a change, reads there and on the primary alternate
 * between the old token and the new one.
 */
export class VillageHeads {
  /** Token -> heads, the latest last. */
  private readonly byToken = new Map<string, Map<string, VillageHead>>();

  /**
   * The heads of `codes` as of `token` (read by the caller in its own statement); those not kept
   * are read through `h`. If the map changed between the caller's statement and that read, every
   * head of the answer is read again there: they are newer than its token (the villages its
   * metrics name, as of a moment later), all of one version, and not kept.
   */
  async of(h: Handle, token: string | null, codes: readonly string[]): Promise<ReadonlyMap<string, VillageHead>> {
    const kept = token === null ? new Map<string, VillageHead>() : this.keptFor(token);
    const missing = codes.filter((c) => !kept.has(c));
    if (missing.length === 0) return kept;
    const rows = await h.query<HeadRow>(HEADS, [missing]);
    if (token !== null && rows.every((r) => r.token === token)) {
      for (const r of rows) kept.set(r.code, { head: r.head, source: r.source });
      return kept;
    }
    const again = missing.length === codes.length ? rows : await h.query<HeadRow>(HEADS, [codes]);
    return new Map(again.map((r) => [r.code, { head: r.head, source: r.source }]));
  }

  private keptFor(token: string): Map<string, VillageHead> {
    let kept = this.byToken.get(token);
    if (!kept || kept.size > MAX_KEPT) kept = new Map();
    // the latest used last; the third latest goes
    this.byToken.delete(token);
    this.byToken.set(token, kept);
    for (const old of this.byToken.keys()) if (this.byToken.size > 2) this.byToken.delete(old);
    return kept;
  }

  /** How many heads are kept for the token used last (tests). */
  get size(): number {
    return [...this.byToken.values()].at(-1)?.size ?? 0;
  }
}
