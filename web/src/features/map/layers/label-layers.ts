import type { Layer } from '@deck.gl/core';
import { TextLayer } from '@deck.gl/layers';
import type { Basemap } from '../../../api/types.ts';
import { characterSetOf } from '../geometry.ts';
import { MAP_FONT_FAMILY, type MapPalette } from '../map-theme.ts';
import { SEAT_RADIUS } from './reference-layers.ts';
import type { TownshipFeature, VillageFeature } from './unit-layers.ts';

type VillageLabel = Basemap['villageLabels'][number];

interface Label {
  id: string;
  text: string;
  position: [number, number];
  emphasis: boolean;
}

// A small SDF atlas: labels are 11-16 px, and every glyph of the atlas costs a distance transform
// on the main thread before the first map (CJK names bring a hundred-odd glyphs).
const FONT_SETTINGS = { sdf: true, fontSize: 32, buffer: 4, radius: 6 };

/** A TextLayer per label kind; its character set is exactly the names it shows (CJK atlas). */
interface LabelColors {
  text: [number, number, number, number];
  muted: [number, number, number, number];
  halo: [number, number, number, number];
}

interface LabelLayerOptions {
  colors: LabelColors;
  /** Pixel size at type scale 1; emphasised labels are 2 px larger. */
  size: number;
  characterSet: Set<string>;
  /** Labels without emphasis in the muted colour (neighbouring townships). */
  mutedWhenPlain: boolean;
  sizeScale: number;
  /** Lift the names off a point mark under them (township seats), in pixels. */
  lift?: number;
}

function labelLayer(id: string, labels: Label[], { colors, size, characterSet, mutedWhenPlain, sizeScale, lift = 0 }: LabelLayerOptions): TextLayer<Label> {
  return new TextLayer<Label>({
    id,
    data: labels,
    getText: (l) => l.text,
    getPosition: (l) => l.position,
    getSize: (l) => (l.emphasis ? size + 2 : size),
    getColor: (l) => (l.emphasis || !mutedWhenPlain ? colors.text : colors.muted),
    sizeUnits: 'pixels',
    sizeScale,
    fontFamily: MAP_FONT_FAMILY,
    // One weight for every label: small CJK glyphs need the stroke, and one atlas serves all.
    fontWeight: 600,
    characterSet,
    fontSettings: FONT_SETTINGS,
    outlineWidth: 2,
    outlineColor: colors.halo,
    getTextAnchor: 'middle',
    getAlignmentBaseline: lift ? 'bottom' : 'center',
    getPixelOffset: [0, -lift],
    updateTriggers: { getColor: [colors.text, colors.muted, mutedWhenPlain] },
  });
}

export interface LabelLayersInput {
  townships: readonly TownshipFeature[];
  villages: readonly VillageFeature[];
  /** Villages named from the basemap's label points besides `villages` (zoomed in: all of them). */
  otherVillages?: readonly VillageLabel[];
  selectedTownship: string | null;
  selectedVillage: string | null;
  palette: MapPalette;
  /** The choropleth is on: names sit on its light fills whatever the theme. */
  onChoropleth: boolean;
  /** The page's type scale (1 on a laptop). */
  sizeScale?: number;
}

export function labelLayers({ townships, villages, otherVillages = [], selectedTownship, selectedVillage, palette, onChoropleth, sizeScale = 1 }: LabelLayersInput): Layer[] {
  const themed: LabelColors = { text: palette.label, muted: palette.mutedLabel, halo: palette.labelHalo };
  // Choropleth fills are light in both themes, so names on them are dark with a light halo.
  const onFill: LabelColors = { text: [28, 36, 48, 255], muted: [70, 80, 94, 255], halo: [255, 255, 255, 230] };
  const townshipLabels: Label[] = townships
    // Inside the chosen township its villages speak; its own name would sit on top of theirs.
    .filter((f) => f.properties.code !== selectedTownship)
    .map((f) => ({ id: f.properties.code, text: f.properties.name, position: f.properties.seat, emphasis: selectedTownship === null }));
  const villageLabels: Label[] = villages.map((f) => ({
    id: f.properties.code,
    text: f.properties.name,
    position: f.properties.labelPoint,
    emphasis: f.properties.code === selectedVillage,
  }));
  const shown = new Set(villageLabels.map((l) => l.id));
  const moreVillages: Label[] = otherVillages.filter((v) => !shown.has(v.code)).map((v) => ({ id: v.code, text: v.name, position: v.position, emphasis: false }));
  // The layers share one character set (and so one font atlas that never has to be redrawn).
  const chars = characterSetOf([...townships.map((f) => f.properties.name), ...villages.map((f) => f.properties.name), ...otherVillages.map((v) => v.name)]);
  // Townships around a chosen one sit on the pale context fill, in the theme's colours.
  const townshipColors = onChoropleth && selectedTownship === null ? onFill : themed;
  const layers: Layer[] = [
    labelLayer('labels-townships', townshipLabels, {
      colors: townshipColors,
      size: selectedTownship ? 13 : 14,
      characterSet: chars,
      mutedWhenPlain: true,
      sizeScale,
      lift: SEAT_RADIUS + 2,
    }),
  ];
  // Villages outside the chosen township: muted, in the theme's colours (they sit on the context fill or the basemap).
  if (moreVillages.length) layers.push(labelLayer('labels-other-villages', moreVillages, { colors: themed, size: 11, characterSet: chars, mutedWhenPlain: true, sizeScale }));
  if (villageLabels.length)
    layers.push(labelLayer('labels-villages', villageLabels, { colors: onChoropleth ? onFill : themed, size: 12, characterSet: chars, mutedWhenPlain: false, sizeScale }));
  return layers;
}
