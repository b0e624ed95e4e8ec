import type { z } from 'zod';
import { campaignAnswer, campaignEffectAnswer, campaignsAnswer } from './responses/campaigns.ts';
import { disputeAnswer, hazardAnswer, visitAnswer } from './responses/intake.ts';
import { eventsAnswer, townshipsAnswer, villageDetailAnswer, villagesAnswer } from './responses/map.ts';
import { alertsAnswer, briefingAnswer, coverageAnswer, feedAnswer } from './responses/oversight.ts';
import { categoriesAnswer, rankingAnswer, summaryAnswer, trendAnswer } from './responses/stats.ts';
import { healthAnswer } from './responses/system.ts';

/**
 * What the validators cannot say about each operation: a summary (zh-CN with the English term),
 * its group, and the error answers it may give beyond the ones every operation shares. Kept in
 * one place rather than in each route file, so the route files stay about HTTP; the document's
 * test fails when a mounted route is missing here.
 */

export interface Tag {
  name: string;
  description: string;
}

export const TAGS: readonly Tag[] = [
  { name: 'auth', description: '登录与会话 (sign-in, sessions, one’s own password)' },
  { name: 'admin', description: '系统管理：用户、大屏设备、审计日志 (admins only)' },
  { name: 'map', description: '地图与底图 (map layers and the offline basemap)' },
  { name: 'stats', description: '统计指标 (metrics: summary, trend, categories, ranking, coverage, alerts, briefing)' },
  { name: 'campaigns', description: '专项行动 (campaigns: definitions, their effect; admins edit them)' },
  { name: 'intake', description: '事件上报与流转 (intake from grid terminals and mediators; lifecycle steps)' },
  { name: 'imports', description: '台账与边界导入 (ledger and boundary imports)' },
  { name: 'system', description: '系统状态、配置与本文档 (health, client configuration, this reference)' },
];

export interface Operation {
  summary: string;
  tag: string;
  /** Error statuses this operation may answer besides 400/401/403/404/503 (see components.ts). */
  errors?: readonly ErrorStatus[];
  /** Callable without a session. */
  public?: true;
  /** Answers 201 when it creates something (`retry`: and 200 with the original for a repeated clientId). */
  created?: 'new' | 'retry';
  /** Takes a file as the body (raw, in one of these media types), not JSON. */
  upload?: readonly string[];
  /**
   * The JSON of the success answer (200, and 201 for a create), from api/openapi/responses/; kept
   * equal to the route's answer by responses.types.test.ts (types) and responses.db.test.ts (JSON).
   */
  answer?: z.ZodType;
}

export type ErrorStatus = '409' | '413' | '415' | '422' | '429';

const INTAKE: Operation['errors'] = ['409', '415', '422'];
/** Endpoints that take the case filter: a period that has not started is 422 `period_not_started`. */
const FILTERED: Operation['errors'] = ['422'];
const LEDGER_TYPES = ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv', 'multipart/form-data'];
const BOUNDARY_TYPES = ['application/zip', 'application/geo+json'];

/** Keyed by `METHOD /path` with Hono's `:param` placeholders, as `app.routes` lists them. */
export const OPERATIONS: Record<string, Operation> = {
  'GET /api/health': { summary: '健康检查 (liveness and database state)', tag: 'system', public: true, answer: healthAnswer },
  'GET /api/config': { summary: '前端配置 (client configuration: basemap, coverage rule, boundary note)', tag: 'system' },
  'GET /api/openapi.json': { summary: '本文档 (this OpenAPI 3.1 document)', tag: 'system' },
  'GET /api/reference': { summary: '接口参考页 (this reference as an HTML page)', tag: 'system' },

  'POST /api/auth/login': { summary: '账号登录 (sign in with username and password)', tag: 'auth', public: true, errors: ['415', '429'] },
  'POST /api/auth/device': { summary: '大屏设备登录 (sign a wall device in with its token)', tag: 'auth', public: true, errors: ['415'] },
  'POST /api/auth/logout': { summary: '退出登录 (end the session)', tag: 'auth' },
  'GET /api/auth/me': { summary: '当前用户 (the signed-in user and CSRF token; 200 with nulls when no session cookie is sent)', tag: 'auth' },
  'POST /api/auth/password': { summary: '修改本人密码 (change one’s own password)', tag: 'auth', errors: ['415', '429'] },

  'GET /api/admin/users': { summary: '用户列表 (list users)', tag: 'admin' },
  'POST /api/admin/users': { summary: '新建用户 (create a user)', tag: 'admin', errors: ['409', '415'], created: 'new' },
  'PATCH /api/admin/users/:id': { summary: '修改用户 (change a user: displayName, password, disabled)', tag: 'admin', errors: ['415'] },
  'GET /api/admin/devices': { summary: '大屏设备列表 (list wall devices)', tag: 'admin' },
  'POST /api/admin/devices': { summary: '登记大屏设备 (register a wall device; answers its token once)', tag: 'admin', errors: ['415'], created: 'new' },
  'DELETE /api/admin/devices/:id': { summary: '吊销大屏设备 (revoke a wall device)', tag: 'admin' },
  'GET /api/admin/audit': { summary: '审计日志 (the audit log, newest first)', tag: 'admin' },
  'POST /api/admin/campaigns': {
    summary: '新建专项行动 (create a campaign; tags the cases it targets when autoTag)',
    tag: 'campaigns',
    errors: ['409', '415'],
    created: 'new',
    answer: campaignAnswer,
  },
  'PATCH /api/admin/campaigns/:code': { summary: '修改专项行动 (change a campaign; tags never removed)', tag: 'campaigns', errors: ['409', '415'], answer: campaignAnswer },
  'DELETE /api/admin/campaigns/:code': { summary: '删除专项行动 (delete a campaign no case is tagged with; 409 campaign_in_use)', tag: 'campaigns', errors: ['409'] },
  'POST /api/exports': { summary: '记录导出 (record an export in the audit log)', tag: 'admin', errors: ['415'], created: 'new' },

  'GET /api/basemap': { summary: '离线底图 (county outline and Xiang River, with the county bbox)', tag: 'map' },
  'GET /api/basemap/tiles/:z/:x/:y': { summary: '底图瓦片 (one tile of the offline package BASEMAP_PMTILES; 204 where it has none)', tag: 'map' },
  'GET /api/basemap/style.json': { summary: '底图样式 (MapLibre style of a vector package, light or dark)', tag: 'map' },
  'GET /api/basemap/glyphs/:fontstack/:range': { summary: '底图字形 (a glyph range from BASEMAP_ASSETS)', tag: 'map' },
  'GET /api/basemap/sprites/:file': { summary: '底图图标 (a sprite sheet or index from BASEMAP_ASSETS)', tag: 'map' },
  'GET /api/townships': { summary: '乡镇图层 (FeatureCollection of townships with metrics)', tag: 'map', errors: FILTERED, answer: townshipsAnswer },
  'GET /api/villages': { summary: '村(社区)图层 (FeatureCollection of villages with metrics)', tag: 'map', errors: FILTERED, answer: villagesAnswer },
  'GET /api/villages/:code': { summary: '村(社区)详情 (one village: officer, coverage, open events, 12-week trend)', tag: 'map', errors: FILTERED, answer: villageDetailAnswer },
  'GET /api/events': { summary: '事件点位 (events as points, newest first, capped)', tag: 'map', errors: FILTERED, answer: eventsAnswer },
  'GET /api/tiles/villages/:z/:x/:y': {
    summary: '村(社区)矢量瓦片 (the village layer as a Mapbox Vector Tile, {y}.mvt, with the filter’s metrics; at most TILE_MAX_FEATURES)',
    tag: 'map',
    errors: FILTERED,
  },
  'GET /api/tiles/events/:z/:x/:y': {
    summary:
      '事件矢量瓦片 (events as a Mapbox Vector Tile, {y}.mvt, newest first, at most TILE_MAX_FEATURES; at zoom TILE_EVENT_VILLAGES_MAX_ZOOM (12) or less with no category, status or campaign filter, one point a village with its counts, layer event_villages: X-Tile-Layer; ?layer=events|event_villages chooses)',
    tag: 'map',
    errors: FILTERED,
  },

  'GET /api/stats/summary': { summary: '汇总指标 (totals for the period and the previous one)', tag: 'stats', errors: FILTERED, answer: summaryAnswer },
  'GET /api/stats/trend': { summary: '趋势 (counts per week or month)', tag: 'stats', errors: FILTERED, answer: trendAnswer },
  'GET /api/stats/categories': { summary: '分类统计 (counts by category)', tag: 'stats', errors: FILTERED, answer: categoriesAnswer },
  'GET /api/stats/ranking': { summary: '排名 (ranked townships or villages)', tag: 'stats', errors: FILTERED, answer: rankingAnswer },
  'GET /api/coverage': { summary: '千警入万户覆盖 (officer visit coverage for the quarter)', tag: 'stats', errors: FILTERED, answer: coverageAnswer },
  'GET /api/feed': { summary: '动态滚动 (the ticker: latest received and concluded events)', tag: 'stats', errors: FILTERED, answer: feedAnswer },
  'GET /api/alerts': { summary: '预警 (threshold alerts at the end of the period)', tag: 'stats', errors: FILTERED, answer: alertsAnswer },
  'GET /api/briefing': { summary: '周报内容 (the weekly briefing’s content; 422 week_not_started for a week not begun)', tag: 'stats', errors: ['422'], answer: briefingAnswer },

  'GET /api/campaigns': { summary: '专项行动列表 (the campaigns the caller sees, latest first)', tag: 'campaigns', answer: campaignsAnswer },
  'GET /api/campaigns/:code/effect': {
    summary: '专项行动成效 (weekly counts before, during and after, by township, a difference-in-differences estimate; 422 campaign_not_started)',
    tag: 'campaigns',
    errors: ['422'],
    answer: campaignEffectAnswer,
  },

  'POST /api/hazards': { summary: '隐患上报 (a grid worker’s hazard report; idempotent by clientId)', tag: 'intake', errors: INTAKE, created: 'retry', answer: hazardAnswer },
  'GET /api/hazards/:id': { summary: '隐患详情 (one hazard as the intake answers it)', tag: 'intake', answer: hazardAnswer },
  'PATCH /api/hazards/:id': { summary: '隐患流转 (one step along the hazard lifecycle)', tag: 'intake', errors: INTAKE, answer: hazardAnswer },
  'POST /api/disputes': { summary: '矛盾纠纷受理 (receive a dispute; idempotent by clientId)', tag: 'intake', errors: INTAKE, created: 'retry', answer: disputeAnswer },
  'GET /api/disputes/:id': { summary: '纠纷详情 (one dispute as the intake answers it)', tag: 'intake', answer: disputeAnswer },
  'PATCH /api/disputes/:id': { summary: '纠纷流转 (one step along the dispute lifecycle)', tag: 'intake', errors: INTAKE, answer: disputeAnswer },
  'POST /api/visits': { summary: '走访登记 (record an officer’s visit; idempotent by clientId)', tag: 'intake', errors: INTAKE, created: 'retry', answer: visitAnswer },

  'GET /api/imports/ledger/template': { summary: '台账模板 (the .xlsx ledger template)', tag: 'imports' },
  'POST /api/imports/ledger': { summary: '导入乡镇台账 (import a township ledger, all or nothing)', tag: 'imports', errors: ['413', '422'], upload: LEDGER_TYPES },
  'POST /api/imports/boundaries': { summary: '导入边界 (replace village or township boundaries)', tag: 'imports', errors: ['413', '422'], upload: BOUNDARY_TYPES },
};
