import { existsSync } from 'node:fs';
import { z } from 'zod';

/**
 * Every setting the server reads, with its default. Nothing else reads `process.env`.
 * `.env.example` documents each key.
 */
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  /** PostgreSQL + PostGIS; when unset the embedded PGlite in DATA_DIR is used. */
  DATABASE_URL: z
    .string()
    .url()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /**
   * A streaming replica of DATABASE_URL (PostgreSQL's own replication): read-only requests read
   * from it, writes and a caller's reads within READ_YOUR_WRITES_MS of its last write go to the
   * primary. Unset: everything goes to DATABASE_URL.
   */
  DATABASE_READ_URL: z
    .string()
    .url()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** After a write, the caller's reads stay on the primary this long (ms), so it sees its own write whatever the replica's lag. */
  READ_YOUR_WRITES_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  DATA_DIR: z.string().default('./data'),
  /** Seed and volume multiplier of the synthetic operations data written into an empty database. */
  SEED: z.coerce.number().int().default(20240101),
  SEED_SCALE: z.coerce.number().positive().max(50).default(1),
  /** Freeze "now" (ISO instant) for reproducible demos and tests; unset = the real clock. */
  APP_NOW: z
    .string()
    .datetime({ offset: true })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Longest any one SQL statement may run (ms); a slow query is cancelled and answered 503. */
  STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  /** Visits per village per quarter that count as covered (千警入万户). */
  COVERAGE_VISITS_PER_QUARTER: z.coerce.number().int().min(1).max(30).default(3),
  /** Weeks without any grid report or visit after which a village counts as silent ("no information"). */
  SILENCE_WEEKS: z.coerce.number().int().min(1).max(52).default(4),
  /** Alert rules (wall and dashboard): a village with at least this many new disputes in 7 days, */
  ALERT_VILLAGE_DISPUTES_7D: z.coerce.number().int().min(1).default(3),
  /** an open hazard of at least this severity past its deadline, */
  ALERT_OVERDUE_SEVERITY: z.coerce.number().int().min(1).max(4).default(3),
  /** a township whose share of villages meeting, or still able to meet, the visit rule is below this. */
  ALERT_TOWNSHIP_COVERAGE_MIN: z.coerce.number().min(0).max(1).default(0.9),
  /**
   * A rule firing for more than this share of the units it tests (villages, open serious hazards,
   * townships) is one county-level line naming its worst few: beyond half it describes the county,
   * and one line per unit would bury the rest. 1 turns grouping off.
   */
  ALERT_GROUP_SHARE: z.coerce.number().min(0).max(1).default(0.5),
  /** How many of a grouped rule's worst units its line names and the wall's map marks. */
  ALERT_GROUP_WORST: z.coerce.number().int().min(1).max(10).default(3),
  /**
   * A campaign's effect (GET /api/campaigns/:code/effect): with any of its four counts (targeted and
   * other categories, before and during) under CAMPAIGN_SMALL_COUNT the estimate, and a township's
   * change, are flagged small; under CAMPAIGN_MIN_CASES there is no estimate at all.
   */
  CAMPAIGN_SMALL_COUNT: z.coerce.number().int().min(1).max(1000).default(20),
  CAMPAIGN_MIN_CASES: z.coerce.number().int().min(1).max(100).default(5),
  /**
   * Most cases one campaign change may tag (autoTag on create or change) or untag (delete with
   * untag=true), in its one transaction: past it the change is refused whole (422
   * campaign_too_broad). The embedded database tags about 3,500 cases a second on one thread that
   * every request shares; a century-long, every-category campaign held it 15 s.
   */
  CAMPAIGN_AUTOTAG_MAX: z.coerce.number().int().min(1).max(1_000_000).default(5000),
  /**
   * How long an aggregate answer (map layers, KPIs, charts, lists) is reused for the same role
   * and scope, in ms; identical requests in flight share one computation. 0 disables.
   */
  ANSWER_CACHE_MS: z.coerce.number().int().min(0).max(600_000).default(5000),
  /**
   * Most memory the answer cache holds, in bytes (bodies, headers and keys); past it the oldest
   * answers go, and an answer over a quarter of it is served but not kept. Default 64 MiB.
   */
  ANSWER_CACHE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .max(4 * 1024 ** 3)
    .default(64 * 1024 * 1024),
  /** Most rows one /api/events answer carries. */
  EVENTS_CAP: z.coerce.number().int().min(100).max(200_000).default(20_000),
  /**
   * The basemap under our layers (README "Basemaps"): builtin (our own outlines and rivers, nothing
   * leaves the machine), xyz (any raster template in BASEMAP_URL), tianditu (天地图, map plus
   * annotation), amap (高德, GCJ-02) or pmtiles (an offline package in BASEMAP_PMTILES). Unset: pmtiles
   * when BASEMAP_PMTILES is set, xyz when BASEMAP_URL is, else builtin.
   */
  BASEMAP: z
    .enum(['builtin', 'xyz', 'tianditu', 'amap', 'pmtiles'])
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /**
   * Raster tile URL template ({z}, {x}, {y}): xyz's tiles, or the intranet proxy of Tianditu (with
   * {layer} for vec/cva and {tk} for the key) or AMap, in place of their public servers.
   */
  BASEMAP_URL: z
    .string()
    .refine((u) => /^(https?:\/\/|\/)/.test(u) && ['{z}', '{x}', '{y}'].every((p) => u.includes(p)), 'expected an http(s) or /path tile URL template with {z}, {x} and {y}')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** The datum the basemap's tiles are drawn in; default gcj02 for amap, wgs84 (CGCS2000) otherwise. */
  BASEMAP_CRS: z
    .enum(['wgs84', 'gcj02'])
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Attribution shown on the map, exports and briefing; tianditu and amap have a default. */
  BASEMAP_ATTRIBUTION: z.string().default(''),
  /** The map's review number (审图号) as its provider states it; required for tianditu and amap. */
  BASEMAP_REVIEW_NUMBER: z.string().default(''),
  /** Tianditu key (tk), put into the template's {tk}. */
  BASEMAP_TIANDITU_TK: z
    .string()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Tianditu base layer: vec (vector map), img (imagery) or ter (terrain); its annotation layer goes on top. */
  BASEMAP_TIANDITU_LAYER: z.enum(['vec', 'img', 'ter']).default('vec'),
  /** An offline tile package (.pmtiles: raster PNG/JPEG/WebP or vector MVT) served at /api/basemap/tiles. */
  BASEMAP_PMTILES: z
    .string()
    .optional()
    .transform((p) => p || undefined)
    .refine((p) => p === undefined || existsSync(p), 'no such file'),
  /**
   * Folder with a vector package's glyphs and sprites (fonts/<fontstack>/<start>-<end>.pbf,
   * sprites/<name>.json|.png, as protomaps' basemaps-assets lays them out). Unset: labels are drawn
   * from the browser's installed fonts, and POI icons are left out.
   */
  BASEMAP_ASSETS: z
    .string()
    .optional()
    .transform((p) => p || undefined)
    .refine((p) => p === undefined || existsSync(p), 'no such folder'),
  /** Largest upload (ledger or boundary file) in bytes; JSON intake bodies are capped at 64 KiB. */
  IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(512 * 1024 * 1024)
    .default(50 * 1024 * 1024),
  /** Largest body of a sign-in request (login, device token, password change), read before anything parses it. */
  AUTH_BODY_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(256)
    .max(1024 * 1024)
    .default(4096),
  /** Largest JSON body of any other endpoint (intake, status changes, admin). */
  JSON_BODY_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(16 * 1024 * 1024)
    .default(64 * 1024),
  /** Zip containers (.xlsx, zipped shapefiles): most bytes they may unpack to, and most entries. */
  IMPORT_MAX_UNPACKED_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(2 * 1024 * 1024 * 1024)
    .default(64 * 1024 * 1024),
  IMPORT_MAX_ENTRIES: z.coerce.number().int().min(1).max(100_000).default(200),
  /** Ledger rows per file, and characters per cell (longer values are refused, and echoed truncated). */
  IMPORT_MAX_ROWS: z.coerce.number().int().min(1).max(1_000_000).default(20_000),
  IMPORT_MAX_CELL_CHARS: z.coerce.number().int().min(16).max(1_000_000).default(2000),
  /** Filled columns a ledger row may have (the template has 12; clerks add a few). */
  IMPORT_MAX_COLUMNS: z.coerce.number().int().min(8).max(16_384).default(100),
  /** Boundary files: features per file, coordinates per feature and per file, GeoJSON nesting depth. */
  IMPORT_MAX_FEATURES: z.coerce.number().int().min(1).max(1_000_000).default(5000),
  IMPORT_MAX_VERTICES_PER_FEATURE: z.coerce.number().int().min(4).max(10_000_000).default(100_000),
  IMPORT_MAX_VERTICES: z.coerce.number().int().min(4).max(100_000_000).default(2_000_000),
  /** An invalid boundary is repaired (ST_MakeValid) only up to this many coordinates: repair cost grows with the square. */
  IMPORT_MAX_REPAIR_VERTICES: z.coerce.number().int().min(4).max(1_000_000).default(2000),
  /** ... and only when its edges cross each other at most this often: repair cost follows the crossings (a random 200-point ring: 8 s). */
  IMPORT_MAX_REPAIR_CROSSINGS: z.coerce.number().int().min(0).max(1_000_000).default(200),
  IMPORT_MAX_DEPTH: z.coerce.number().int().min(4).max(1000).default(32),
  /** Parsing an uploaded file runs in a worker thread stopped after this long, with at most this much heap. */
  IMPORT_PARSE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(20_000),
  IMPORT_PARSE_MEMORY_MB: z.coerce.number().int().min(32).max(16_384).default(512),
  /**
   * Refused requests (403) and sign-ins refused while locked are audited once per caller, address
   * and reason in this window (ms), with a count of the repeats; 0 writes every one.
   */
  AUDIT_REPEAT_WINDOW_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
  /** Longest a request may take; past it the answer is 503 and its database work is cancelled or abandoned. */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(20_000),
  /** Requests that do database work at once: overall, and per user (or device); the rest queue briefly. */
  CONCURRENCY_TOTAL: z.coerce.number().int().min(1).max(1000).default(4),
  CONCURRENCY_PER_USER: z.coerce.number().int().min(1).max(1000).default(2),
  /** How long a request may wait for a slot, and how many one user may have waiting, before a 503. */
  QUEUE_MAX_WAIT_MS: z.coerce.number().int().min(0).max(600_000).default(5000),
  QUEUE_MAX_PER_USER: z.coerce.number().int().min(0).max(10_000).default(16),
  /** Built web app served at /; empty disables it. */
  WEB_DIST: z.string().default('./dist'),
  LOG_REQUESTS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /**
   * Origins allowed to call the API from another site (CORS, with credentials), comma-separated
   * full origins such as https://screen.intranet. Empty: CORS off, same origin only.
   */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .refine((list) => list.every((o) => /^https?:\/\/[^/\s]+$/.test(o)), 'expected comma-separated origins like https://host:port (no path)'),
  /**
   * Failed sign-ins (and wrong current passwords), counted in memory over LOGIN_LOCK_MINUTES: this
   * many for one account from one client address lock that account at that address only, for
   * LOGIN_LOCK_MINUTES; a lock that ends starts the count from zero.
   */
  LOGIN_LOCK_AFTER: z.coerce.number().int().min(1).max(1000).default(5),
  LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .min(0.05)
    .max(24 * 60)
    .default(15),
  /** Failures from one client address, over all usernames, that pause sign-in from it for LOGIN_LOCK_MINUTES (a success does not reset it). */
  LOGIN_ADDRESS_LIMIT: z.coerce.number().int().min(1).max(100_000).default(20),
  /**
   * Failures of one username from all addresses, within LOGIN_LOCK_MINUTES, after which every
   * attempt on it waits before its password is checked: 100 ms, doubling per further failure, at
   * most LOGIN_DELAY_MAX_MS. Only delays, never locks; unknown usernames alike.
   */
  LOGIN_DELAY_AFTER: z.coerce.number().int().min(1).max(100_000).default(10),
  LOGIN_DELAY_MAX_MS: z.coerce.number().int().min(0).max(60_000).default(3000),
  /** Most features one vector tile (/api/tiles/...) carries: villages by code, events newest first, the villages' event counts busiest first. */
  TILE_MAX_FEATURES: z.coerce.number().int().min(1).max(100_000).default(5000),
  /**
   * Deepest zoom at which an event tile with no category, status or campaign filter holds one
   * feature a village with its counts (layer event_villages, from the rollups) instead of the
   * points: at 12 a tile holds dozens of this county's villages, at 14 about one. -1: never by
   * itself. A client may ask for either layer (`?layer=events` or `event_villages`).
   */
  TILE_EVENT_VILLAGES_MAX_ZOOM: z.coerce.number().int().min(-1).max(22).default(12),
  /**
   * The map of a deployment with more villages than this draws them at county scope, from zoom 9,
   * from the village vector tiles (/api/tiles/villages), coloured by the villages in view; below
   * zoom 9, and at or under this count (the county's 491), the townships from GeoJSON. 0: tiles
   * for any map, from zoom 9.
   */
  MAP_TILES_ABOVE_VILLAGES: z.coerce.number().int().min(0).max(10_000_000).default(2000),
});

/** The schema with the rules that span keys (the basemap's), and the provider derived when BASEMAP is unset. */
const configSchema = schema
  .superRefine(basemapRules)
  .transform((c) => ({ ...c, BASEMAP: c.BASEMAP ?? (c.BASEMAP_PMTILES ? 'pmtiles' : c.BASEMAP_URL ? 'xyz' : 'builtin') }) as const);

/** What each basemap provider needs besides its name. */
function basemapRules(
  c: { BASEMAP?: string; BASEMAP_URL?: string; BASEMAP_PMTILES?: string; BASEMAP_REVIEW_NUMBER: string; BASEMAP_TIANDITU_TK?: string },
  ctx: z.RefinementCtx,
): void {
  const need = (key: string, message: string) => ctx.addIssue({ code: 'custom', path: [key], message });
  if (c.BASEMAP === 'xyz' && !c.BASEMAP_URL) need('BASEMAP_URL', 'BASEMAP=xyz needs a tile URL template');
  if (c.BASEMAP === 'pmtiles' && !c.BASEMAP_PMTILES) need('BASEMAP_PMTILES', 'BASEMAP=pmtiles needs the path of a .pmtiles file');
  if ((c.BASEMAP === 'tianditu' || c.BASEMAP === 'amap') && !c.BASEMAP_REVIEW_NUMBER.trim())
    need('BASEMAP_REVIEW_NUMBER', `BASEMAP=${c.BASEMAP}: a published map shows its 审图号; copy it from the provider's site (e.g. GS(20xx)xxxx号)`);
  if (c.BASEMAP === 'tianditu' && c.BASEMAP_URL && !c.BASEMAP_URL.includes('{layer}'))
    need('BASEMAP_URL', 'BASEMAP=tianditu: the template needs {layer} (vec_w/cva_w are asked for through it)');
  if (c.BASEMAP === 'tianditu' && !c.BASEMAP_TIANDITU_TK && (!c.BASEMAP_URL || c.BASEMAP_URL.includes('{tk}')))
    need('BASEMAP_TIANDITU_TK', 'BASEMAP=tianditu: the template asks for {tk}; set the key (or a proxy template that adds it)');
}

export type Config = z.infer<typeof configSchema>;

/**
 * Reads `.env` from the working folder into process.env, if there is one: variables already set
 * (exported in the shell) win over the file. Needs Node 20.12+ (process.loadEnvFile).
 */
export function loadDotEnv(file = '.env'): boolean {
  if (!existsSync(file)) return false;
  const load = (process as { loadEnvFile?: (path: string) => void }).loadEnvFile;
  if (!load) throw new Error(`${file} exists but this Node cannot read it (process.loadEnvFile needs Node 20.12 or later): export its variables instead`);
  load(file);
  return true;
}

/** The configuration: from `env` when given (tests), else from process.env after `.env`. */
export function loadConfig(given?: Record<string, string | undefined>): Config {
  if (given === undefined) loadDotEnv();
  const env = given ?? process.env;
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
