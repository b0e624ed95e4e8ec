// The boundary parse thread: zip, shapefile + dbf or JSON.parse of the uploaded bytes, under the import limits.
import { serveParse } from '../../workers/parse-worker.ts';
import type { ImportLimits } from '../limits.ts';
import { type FileFormat, type ParsedFile, readBoundaryFile } from './read-file.ts';

serveParse<{ bytes: Uint8Array; format: FileFormat; limits: ImportLimits }, ParsedFile>(async ({ bytes, format, limits }) => ({
  value: await readBoundaryFile(bytes, format, limits),
}));
