import { DISPUTE_CONCLUDED, type DisputeCategory, type DisputeChannel, type DisputeStatus, type VisitKind } from '../../domain/enums.ts';
import { DATE_EXPECTED } from './dates.ts';
import { DEFAULT_END_TIME, DEFAULT_START_TIME, ledgerClientId, type RowContext } from './row-context.ts';
import { freeText, normaliseCategory, normaliseChannel, normalisePhone, normaliseStatus, normaliseVisitKind } from './values.ts';

/** One valid ledger row, ready to insert; instants as ISO strings. */
export interface DisputeRecord {
  row: number;
  clientId: string;
  villageCode: string;
  category: DisputeCategory;
  channel: DisputeChannel;
  status: DisputeStatus;
  receivedAt: string;
  mediationStartedAt: string | null;
  concludedAt: string | null;
  mediator: string | null;
  partyName: string | null;
  partyPhone: string | null;
  summary: string;
}

export interface VisitRecord {
  row: number;
  clientId: string;
  villageCode: string;
  officerId: string;
  kind: VisitKind;
  visitedAt: string;
}

/**
 * A disputes-ledger row. Lifecycle timestamps follow the schema: mediation starts on the day
 * received (ledgers do not record it), an outcome needs its 办结日期 and a still-open case has none.
 */
export function disputeRow(r: RowContext): DisputeRecord | null {
  const village = r.village();
  const received = r.date('receivedDate', DATE_EXPECTED);
  const categoryText = r.required('category', 'one of the dispute categories');
  const category = categoryText === null ? null : r.check('category', normaliseCategory(categoryText));
  const channelText = r.text('channel');
  const channel = channelText ? r.check('channel', normaliseChannel(channelText)) : '人民调解委员会';
  const statusText = r.required('status', 'the mediation result: 调解成功, 调解失败, 移交诉讼, 调处中 or 受理');
  const status = statusText === null ? null : r.check('status', normaliseStatus(statusText));
  const mediator = r.check('mediator', freeText(r.cell('mediator'), 50));
  const partyName = r.check('partyName', freeText(r.cell('partyName'), 100));
  const phoneText = r.text('partyPhone');
  const partyPhone = phoneText ? r.check('partyPhone', normalisePhone(phoneText)) : null;
  const summary = r.check('summary', freeText(r.cell('summary'), 2000));

  const receivedAt = received && r.instant('receivedDate', received, DEFAULT_START_TIME);
  let concludedAt: Date | null = null;
  if (status && DISPUTE_CONCLUDED.includes(status)) {
    const concluded = r.date('concludedDate', `the date the case concluded (${DATE_EXPECTED}), since 调解结果 is ${status}`);
    if (concluded && received && concluded.date < received.date) {
      r.fail('concludedDate', `before 受理日期 ${received.date}`, `a date on or after ${received.date}`);
    } else if (concluded && receivedAt) {
      const at = r.instant('concludedDate', concluded, DEFAULT_END_TIME);
      // A case received after 17:00 on the day it concluded cannot conclude before it was received.
      concludedAt = at && new Date(Math.max(+at, +receivedAt));
    }
  } else if (status && r.text('concludedDate')) {
    r.fail('concludedDate', `a case still ${status} has no 办结日期`, 'an empty cell, or set 调解结果 to the outcome');
  }

  if (r.errors.length || !village || !receivedAt || !category || !channel || !status) return null;
  const mediating = status === '调处中' || concludedAt !== null;
  return {
    row: r.row.row,
    // Identity, not state: a re-import of an updated ledger (调处中 -> 调解成功) is the same case.
    clientId: ledgerClientId(['disputes', village.code, received!.date, category, partyName, partyPhone, summary ?? '']),
    villageCode: village.code,
    category,
    channel,
    status,
    receivedAt: receivedAt.toISOString(),
    mediationStartedAt: mediating ? receivedAt.toISOString() : null,
    concludedAt: concludedAt?.toISOString() ?? null,
    mediator,
    partyName,
    partyPhone,
    summary: summary ?? '',
  };
}

/** A visits-ledger row: the officer, by name or id, must be the one linked to the village. */
export function visitRow(r: RowContext): VisitRecord | null {
  const village = r.village();
  const visited = r.date('visitDate', DATE_EXPECTED);
  const kindText = r.text('kind');
  const kind = kindText ? r.check('kind', normaliseVisitKind(kindText)) : '走访';
  const name = r.text('officerName');
  const id = r.text('officerId').toUpperCase();
  if (!name && !id) r.fail('officerName', 'missing', 'the officer linked to the village: 民警 (name) or 警号 (id)');

  const officer = village && r.places.officerOf(village.code);
  if (village && !officer) r.fail('village', 'no officer is linked to this village', 'a village with a linked officer');
  if (village && officer) {
    const linked = `${officer.name} (${officer.id})`;
    if (id && id !== officer.id) r.fail('officerId', `not the officer of ${village.name}`, `${officer.id}: ${village.name} is visited by ${linked}`);
    if (name && name.replace(/\s+/g, '') !== officer.name) r.fail('officerName', `not the officer of ${village.name}`, `${officer.name}: ${village.name} is visited by ${linked}`);
  }
  const visitedAt = visited && r.instant('visitDate', visited, DEFAULT_START_TIME);

  if (r.errors.length || !village || !officer || !visitedAt || !kind) return null;
  return {
    row: r.row.row,
    clientId: ledgerClientId(['visits', village.code, visited!.date, officer.id, kind]),
    villageCode: village.code,
    officerId: officer.id,
    kind,
    visitedAt: visitedAt.toISOString(),
  };
}
