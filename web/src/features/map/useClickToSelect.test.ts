import type { PickingInfo } from '@deck.gl/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW } from '../url-state/view-state.ts';
import type { TownshipFeature, VillageFeature } from './layers/unit-layers.ts';
import { MAP_PALETTES } from './map-theme.ts';
import type { LayerContext } from './overlays/overlay-spec.tsx';
import { selectionAt } from './useClickToSelect.ts';

const village = { type: 'Feature', properties: { code: '430421110200', townshipCode: '430421110' } } as unknown as VillageFeature;
const township = { type: 'Feature', properties: { code: '430421100' } } as unknown as TownshipFeature;
const ctx: LayerContext = {
  view: { ...DEFAULT_VIEW, township: '430421110' },
  basemap: { type: 'FeatureCollection', bbox: [0, 0, 1, 1], features: [], villageLabels: [] },
  raster: false,
  townships: [township],
  villages: [village],
  scale: null,
  colorKey: '',
  palette: MAP_PALETTES.light,
  events: null,
};
const pick = (layerId: string, object: unknown) => ({ layer: { id: layerId }, object, index: 0 }) as unknown as PickingInfo;

describe('selectionAt', () => {
  it.each([
    ['a village selects it and its township', pick('villages', village), { township: '430421110', village: '430421110200' }],
    ['a township selects it and clears the village', pick('townships', township), { township: '430421100', village: null }],
    ['anything else selects nothing', pick('events-hex-dispute', { count: 3 }), null],
    ['an object that is not a row on screen selects nothing', pick('villages', { properties: { code: 'x', townshipCode: 'y' } }), null],
    ['no pick selects nothing', null, null],
  ])('%s', (_n, info, patch) => expect(selectionAt(info, ctx)).toEqual(patch));
});
