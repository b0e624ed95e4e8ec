import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { runParse, transferable } from './run-parse.ts';

const WORKER = new URL('./run-parse.test-worker.ts', import.meta.url);
const budget = { timeoutMs: 20_000, memoryMb: 64 };
const outcome = (p: Promise<unknown>) =>
  p.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );

describe('runParse', () => {
  it('answers what the worker parsed, the bytes moved rather than copied', async () => {
    const { bytes, transfer } = transferable(new Uint8Array(1000));
    expect(await runParse(WORKER, { mode: 'echo', bytes }, budget, transfer)).toEqual({ length: 1000 });
    expect(bytes.byteLength).toBe(0); // detached: it went to the worker
  });

  it.each([
    [
      'an AppError comes back with its status, code, message, fields and details',
      'app-error',
      { status: 400, code: 'unreadable_file', message: 'cannot read it', fields: { file: 'bad' }, details: { hint: 1 } },
    ],
    [
      'a RangeError (string, array or stack too big) is the file refused',
      'range-error',
      { status: 422, code: 'import_too_complex', message: expect.stringMatching(/too large or too deeply nested/) },
    ],
  ])('%s', async (_what, mode, error) => {
    const r = await outcome(runParse(WORKER, { mode }, budget));
    expect((r as { error: unknown }).error).toBeInstanceOf(AppError);
    expect(r).toMatchObject({ error });
  });

  it('a bug stays an ordinary error (a 500), not a refusal of the file', async () => {
    const r = await outcome(runParse(WORKER, { mode: 'bug' }, budget));
    expect((r as { error: unknown }).error).not.toBeInstanceOf(AppError);
    expect(r).toMatchObject({ error: { message: expect.stringMatching(/x is undefined/) } });
  });

  it('stops a parse that runs past its deadline, even in a busy loop', async () => {
    const start = performance.now();
    const r = await outcome(runParse(WORKER, { mode: 'spin' }, { ...budget, timeoutMs: 1500 }));
    expect(r).toMatchObject({ error: { status: 422, code: 'import_too_complex', details: { limit: 'IMPORT_PARSE_TIMEOUT_MS', max: 1500 } } });
    expect(performance.now() - start).toBeLessThan(5000);
  });

  it('a worker out of memory is a 413 import_limit, not a crash', async () => {
    const r = await outcome(runParse(WORKER, { mode: 'oom' }, { timeoutMs: 30_000, memoryMb: 32 }));
    expect(r).toMatchObject({ error: { status: 413, code: 'import_limit', details: { limit: 'IMPORT_PARSE_MEMORY_MB', max: 32 } } });
  }, 40_000);
});
