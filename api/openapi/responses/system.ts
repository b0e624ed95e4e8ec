import { z } from 'zod';
import type { DbKind } from '../../db/types.ts';
import { count } from './common.ts';

/**
 * GET /api/health (api/routes/health.ts; it has no query module: its answer type is the route's,
 * see responses.types.test.ts). Public: a monitor may call it without a session.
 */

const DB_KINDS = ['pglite', 'postgres'] as const satisfies readonly DbKind[];

export const healthAnswer = z
  .strictObject({
    status: z.literal('ok').describe('服务在运行 (the server answers)'),
    database: z
      .enum(['up', 'busy'])
      .describe(
        'up: 数据库可用；busy: 进程存活但 1 秒内未响应（长查询或排队）(alive, but the ping did not come back within a second). 数据库不可达时本接口答 503 (database down: 503)',
      ),
    db: z.enum(DB_KINDS).describe('数据库类型：嵌入式 PGlite 或 PostgreSQL (which database backs the server)'),
    postgis: z.string().describe('PostGIS 版本；尚未得知时为 "unknown" (the PostGIS version, or "unknown" before the first ping answered)'),
    requests: z
      .strictObject({ running: count.describe('执行中的请求 (requests running)'), waiting: count.describe('排队中的请求 (requests queued)') })
      .describe('并发情况 (the request limiter’s load)'),
  })
  .meta({ id: 'Health', description: '健康检查 (liveness and database state)' });
