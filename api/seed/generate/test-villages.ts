import type { SeedVillage } from './types.ts';

/**
 * A stand-in county for tests and benchmarks: 491 square "villages" on a grid over Hengyang
 * County's extent, with ~1.0 million people. Some squares have a hole (a reservoir) and some
 * are two-part MultiPolygons, so polygon sampling is exercised on the awkward shapes too.
 */

export const COUNTY_CODE = '430421';
const COLUMNS = 23;
const CELL = 0.025;
const ORIGIN: [number, number] = [112.25, 26.9];

type Ring = [number, number][];

function square(x0: number, y0: number, size: number): Ring {
  return [
    [x0, y0],
    [x0 + size, y0],
    [x0 + size, y0 + size],
    [x0, y0 + size],
    [x0, y0],
  ];
}

export function testVillages(count = 491): SeedVillage[] {
  const villages: SeedVillage[] = [];
  for (let i = 0; i < count; i++) {
    const x0 = ORIGIN[0] + (i % COLUMNS) * CELL;
    const y0 = ORIGIN[1] + Math.floor(i / COLUMNS) * CELL;
    const size = CELL * 0.96;
    const township = Math.floor(i / 20);
    const community = i % 12 === 0;
    const geometry: SeedVillage['geometry'] =
      i % 17 === 5
        ? { type: 'Polygon', coordinates: [square(x0, y0, size), square(x0 + size * 0.3, y0 + size * 0.3, size * 0.4).reverse()] }
        : i % 29 === 7
          ? { type: 'MultiPolygon', coordinates: [[square(x0, y0, size * 0.45)], [square(x0 + size * 0.55, y0 + size * 0.55, size * 0.45)]] }
          : { type: 'Polygon', coordinates: [square(x0, y0, size)] };
    villages.push({
      code: `${COUNTY_CODE}${String(100 + township).padStart(3, '0')}${String(community ? 1 + (i % 20) : 200 + (i % 20)).padStart(3, '0')}`,
      townshipCode: `${COUNTY_CODE}${String(100 + township).padStart(3, '0')}`,
      kind: community ? '社区' : '村',
      population: community ? 3500 + ((i * 7919) % 4000) : 1300 + ((i * 104729) % 1500),
      geometry,
    });
  }
  return villages;
}
