import { describe, expect, it } from 'vitest';
import { selectionAt } from './useClickToSelect.ts';

describe('selectionAt', () => {
  it.each([
    ['a village selects it and its township', { layerId: 'villages', object: { properties: { code: '430421110200', townshipCode: '430421110' } } }, { township: '430421110', village: '430421110200' }],
    ['a township selects it and clears the village', { layerId: 'townships', object: { properties: { code: '430421100' } } }, { township: '430421100', village: null }],
    ['anything else selects nothing', { layerId: 'events-hex-dispute', object: { count: 3 } }, null],
    ['no pick selects nothing', null, null],
  ])('%s', (_n, pick, patch) => expect(selectionAt(pick)).toEqual(patch));
});
