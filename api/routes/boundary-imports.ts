import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { audit, clientIp } from '../audit.ts';
import { allow, principalOf } from '../auth/middleware.ts';
import { type FieldErrors, ValidationError } from '../errors.ts';
import { importBoundaryFile } from '../imports/boundaries/import.ts';
import { formatOf } from '../imports/boundaries/read-file.ts';
import { type BoundaryImportReport, isRejected, rejectionMessage } from '../imports/boundaries/report.ts';
import { importLimitsOf } from '../imports/limits.ts';
import { type Deps, scopeOf } from './deps.ts';
import { validate } from './validation.ts';

const importQuery = z
  .object({
    level: z.enum(['village', 'township']).optional(),
    crs: z
      .string()
      .regex(/^(gcj-?02|EPSG:\d{4,5})$/i, 'expected gcj02 or EPSG:<code>')
      .optional(),
    dryRun: z.enum(['true', 'false', '1', '0']).optional(),
    /** Import the features that match and leave out those that match nothing (default: refuse the file). */
    subset: z.enum(['true', 'false', '1', '0']).optional(),
    fileName: z.string().min(1).max(200).optional(),
  })
  .strict();

/** Which request parameter a file-level rejection is about, for the error's `fields`. */
function rejectionFields(r: BoundaryImportReport): FieldErrors | undefined {
  const fields: FieldErrors = {};
  const fileLevel = r.rejected.filter((x) => x.feature === null).map((x) => x.reason);
  const crs = fileLevel.find((x) => /CRS|crs/.test(x));
  const level = fileLevel.find((x) => /level/.test(x));
  if (crs) fields.crs = crs;
  if (level) fields.level = level;
  return Object.keys(fields).length ? fields : undefined;
}

/**
 * POST /api/imports/boundaries?level&crs&dryRun&fileName with the file as the body
 * (application/zip: a zipped shapefile; application/geo+json: GeoJSON). 200 with the report when
 * applied or an acceptable dry run; 422 with the report when rejected (nothing changed); 413
 * `import_limit` over an import limit (features, coordinates, nesting, unpacked size); 422
 * `import_too_complex` when reading it runs past IMPORT_PARSE_TIMEOUT_MS.
 */
export function boundaryImportRoutes(deps: Deps) {
  const maxBytes = deps.config.IMPORT_MAX_BYTES;
  return new Hono().post(
    '/',
    allow('admin'),
    bodyLimit({
      maxSize: maxBytes,
      onError: () => {
        throw new HTTPException(413, { message: `the file is larger than the ${maxBytes} bytes allowed (IMPORT_MAX_BYTES)` });
      },
    }),
    validate('query', importQuery),
    async (c) => {
      const q = c.req.valid('query');
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.length === 0) throw new ValidationError('the request has no body: send the file', { body: 'empty' });
      const format = formatOf(c.req.header('content-type'), q.fileName, bytes);
      if (!format)
        throw new ValidationError('unsupported content type: send application/zip (zipped shapefile) or application/geo+json', {
          'content-type': `got ${c.req.header('content-type') ?? 'none'}`,
        });
      const report = await importBoundaryFile(deps.db, scopeOf(c), bytes, format, {
        fileName: q.fileName ?? (format === 'zip' ? 'upload.zip' : 'upload.geojson'),
        level: q.level,
        crs: q.crs,
        dryRun: q.dryRun === 'true' || q.dryRun === '1',
        subset: q.subset === 'true' || q.subset === '1',
        limits: importLimitsOf(deps.config),
        moveBytes: true,
        onApplied: (h, r) => {
          const p = principalOf(c);
          return audit(h, {
            actor: p.username,
            role: p.role,
            action: 'import.boundaries',
            target: `import_batch:${r.batchId}`,
            detail: { fileName: r.fileName, level: r.level, matched: r.matched.length },
            ip: clientIp(c),
          });
        },
      });
      if (isRejected(report)) {
        const fields = rejectionFields(report);
        const error = { code: 'import_rejected' as const, message: rejectionMessage(report), ...(fields ? { fields } : {}) };
        return c.json({ error, report }, 422);
      }
      return c.json(report, 200);
    },
  );
}
