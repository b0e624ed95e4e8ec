import type { Handle } from '../../db/index.ts';
import { nextId } from '../../queries/intake/ids.ts';
import { sqlFile } from '../../queries/sql.ts';
import type { LedgerKind } from './columns.ts';
import type { DisputeRecord, VisitRecord } from './rows.ts';
import type { LedgerRecords } from './validate.ts';

const INSERT_DISPUTES = sqlFile(import.meta.url, 'insert-disputes.sql');
const INSERT_VISITS = sqlFile(import.meta.url, 'insert-visits.sql');
/** Rows per INSERT: each column travels as one array parameter. */
const CHUNK = 2000;

/** The client ids among `ids` that an earlier import (or another client) already wrote. */
export async function existingClientIds(h: Handle, kind: LedgerKind, ids: readonly string[]): Promise<Set<string>> {
  const sql = kind === 'disputes' ? 'SELECT client_id FROM dispute WHERE client_id = ANY($1::text[])' : 'SELECT client_id FROM visit WHERE client_id = ANY($1::text[])';
  const rows = await h.query<{ client_id: string }>(sql, [ids]);
  return new Set(rows.map((r) => r.client_id));
}

const disputeParams = (ids: string[], rs: DisputeRecord[]) => [
  ids,
  rs.map((r) => r.clientId),
  rs.map((r) => r.category),
  rs.map((r) => r.channel),
  rs.map((r) => r.status),
  rs.map((r) => r.villageCode),
  rs.map((r) => r.receivedAt),
  rs.map((r) => r.mediationStartedAt),
  rs.map((r) => r.concludedAt),
  rs.map((r) => r.summary),
  rs.map((r) => r.partyName),
  rs.map((r) => r.partyPhone),
  rs.map((r) => r.mediator),
  // Comma-joined: unnest() takes one-dimensional arrays only (codes hold no comma).
  rs.map((r) => r.campaigns.join(',')),
];

const visitParams = (ids: string[], rs: VisitRecord[]) => [
  ids,
  rs.map((r) => r.clientId),
  rs.map((r) => r.officerId),
  rs.map((r) => r.villageCode),
  rs.map((r) => r.kind),
  rs.map((r) => r.visitedAt),
];

async function insertChunks<R>(h: Handle, idKind: 'dispute' | 'visit', sql: string, records: R[], params: (ids: string[], rs: R[]) => unknown[][]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < records.length; i += CHUNK) {
    const part = records.slice(i, i + CHUNK);
    const ids: string[] = [];
    for (let k = 0; k < part.length; k++) ids.push(await nextId(h, idKind));
    inserted += (await h.query(sql, params(ids, part))).length;
  }
  return inserted;
}

/**
 * Inserts the records with source 'ledger' and ids from the sequences; returns how many were
 * written (a row another import wrote meanwhile is skipped by its client_id).
 */
export async function insertRecords(h: Handle, batch: LedgerRecords): Promise<number> {
  return batch.kind === 'disputes'
    ? insertChunks(h, 'dispute', INSERT_DISPUTES, batch.records, disputeParams)
    : insertChunks(h, 'visit', INSERT_VISITS, batch.records, visitParams);
}

export interface BatchRow {
  kind: LedgerKind;
  fileName: string;
  fileSha256: string;
  rows: number;
  inserted: number;
  duplicates: number;
  report: unknown;
  /** The township the ledger was imported for, if one was named (a chief's imports always are). */
  townshipCode?: string | null;
}

/** The import_batch row of an applied import; returns its id. */
export async function recordBatch(h: Handle, b: BatchRow): Promise<number> {
  const [row] = await h.query<{ id: string | number }>(
    'INSERT INTO import_batch (kind, file_name, file_sha256, rows, inserted, skipped, report, township_code) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8) RETURNING id',
    [`ledger-${b.kind}`, b.fileName, b.fileSha256, b.rows, b.inserted, b.duplicates, JSON.stringify(b.report), b.townshipCode ?? null],
  );
  return Number(row!.id);
}

const ANALYZED = { disputes: 'dispute', visits: 'visit' } as const;

/**
 * Refreshes the planner's statistics of the table an import grew. The embedded database has no
 * autovacuum, so after a large import its plans went on assuming the old row counts (county
 * aggregates ran 10-15x slower). Needs the table's owner: run it on the `SYSTEM` scope, after the
 * import's own transaction committed.
 */
export async function analyzeAfterImport(h: Handle, kind: LedgerKind): Promise<void> {
  await h.exec(`ANALYZE ${ANALYZED[kind]}`);
}
