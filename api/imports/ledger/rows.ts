import { DISPUTE_CATEGORIES, DISPUTE_CONCLUDED, DISPUTE_STATUSES, type DisputeCategory, type DisputeChannel, type DisputeStatus, type VisitKind } from '../../contract/enums.ts';
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
  /** Campaign codes from the 专项行动 column (auto-tagging campaigns are added on insert). */
  campaigns: string[];
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
  const categoryText = r.required('category', `纠纷类型，以下之一：${DISPUTE_CATEGORIES.join('、')}`);
  const category = categoryText === null ? null : r.check('category', normaliseCategory(categoryText));
  const channelText = r.text('channel');
  const channel = channelText ? r.check('channel', normaliseChannel(channelText)) : '人民调解委员会';
  const statusText = r.required('status', `调解结果，以下之一：${DISPUTE_STATUSES.join('、')}`);
  const status = statusText === null ? null : r.check('status', normaliseStatus(statusText));
  const mediator = r.check('mediator', freeText(r.cell('mediator'), 50));
  const partyName = r.check('partyName', freeText(r.cell('partyName'), 100));
  const phoneText = r.text('partyPhone');
  const partyPhone = phoneText ? r.check('partyPhone', normalisePhone(phoneText)) : null;
  const summary = r.check('summary', freeText(r.cell('summary'), 2000));
  const campaignText = r.text('campaigns');
  const campaigns = campaignText ? r.check('campaigns', r.places.campaigns(campaignText)) : [];

  const receivedAt = received && r.instant('receivedDate', received, DEFAULT_START_TIME);
  let concludedAt: Date | null = null;
  if (status && DISPUTE_CONCLUDED.includes(status)) {
    const concluded = r.date('concludedDate', `办结日期（${DATE_EXPECTED}），因为调解结果为${status}`);
    if (concluded && received && concluded.date < received.date) {
      r.fail('concludedDate', `早于受理日期 ${received.date}`, `${received.date}当天或之后的日期`);
    } else if (concluded && receivedAt) {
      const at = r.instant('concludedDate', concluded, DEFAULT_END_TIME);
      // A case received after 17:00 on the day it concluded cannot conclude before it was received.
      concludedAt = at && new Date(Math.max(+at, +receivedAt));
    }
  } else if (status && r.text('concludedDate')) {
    r.fail('concludedDate', `调解结果为${status}时不应填办结日期`, '留空，或把调解结果改为最终结果');
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
    campaigns: campaigns ?? [],
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
  if (!name && !id) r.fail('officerName', '未填写', '该村（社区）的联系干警：民警（姓名）或警号');

  const officer = village && r.places.officerOf(village.code);
  if (village && !officer) r.fail('village', '该村（社区）没有联系干警', '有联系干警的村（社区）');
  if (village && officer) {
    const linked = `${officer.name}（${officer.id}）`;
    if (id && id !== officer.id) r.fail('officerId', `不是${village.name}的联系干警`, `${officer.id}：${village.name}的联系干警是${linked}`);
    if (name && name.replace(/\s+/g, '') !== officer.name) r.fail('officerName', `不是${village.name}的联系干警`, `${officer.name}：${village.name}的联系干警是${linked}`);
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
