import { describe, expect, it } from 'vitest';
import { canConfirm, errorMeaning, phaseAfter } from './import-phase.ts';
import { ledgerReport } from './test-reports.ts';

describe('phaseAfter', () => {
  const report = ledgerReport();
  it.each<[string, Parameters<typeof phaseAfter>, string]>([
    ['clean dry run', [{ kind: 'ok', report }, true], 'checked'],
    ['import', [{ kind: 'ok', report }, false], 'imported'],
    ['rejected (dry run or not)', [{ kind: 'rejected', report, message: '' }, false], 'rejected'],
    ['error', [{ kind: 'error', status: 413, code: 'payload_too_large', message: '' }, true], 'error'],
  ])('%s -> %s', (_name, args, step) => expect(phaseAfter(...args).step).toBe(step));
});

describe('canConfirm', () => {
  it.each<[string, Parameters<typeof canConfirm>[0], boolean]>([
    ['clean dry run with new rows', { step: 'checked', report: ledgerReport({ inserted: 3 }) }, true],
    ['clean dry run, everything imported before', { step: 'checked', report: ledgerReport({ inserted: 0, duplicates: 5 }) }, false],
    ['rejected', { step: 'rejected', report: ledgerReport() }, false],
    ['already imported', { step: 'imported', report: ledgerReport({ applied: true }) }, false],
  ])('%s -> %s', (_name, phase, can) => expect(canConfirm(phase)).toBe(can));
});

describe('errorMeaning', () => {
  it.each<[number, string, string]>([
    [413, 'payload_too_large', 'errorTooLarge'],
    [400, 'unreadable_file', 'errorUnreadable'],
    [400, 'unsupported_file_type', 'errorUnreadable'],
    [400, 'validation', 'errorOther'],
    [0, 'network', 'errorNetwork'],
    [503, 'db_unavailable', 'errorServer'],
  ])('%i %s -> %s', (status, code, meaning) => expect(errorMeaning(status, code)).toBe(meaning));
});
