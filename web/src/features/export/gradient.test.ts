import { describe, expect, it } from 'vitest';
import { gradientLine, type LinearGradient, parseLinearGradient, splitTopLevel } from './gradient.ts';

const HATCH = 'repeating-linear-gradient(135deg, rgb(70, 76, 86) 0px, rgb(70, 76, 86) 1.5px, rgb(196, 199, 204) 1.5px, rgb(196, 199, 204) 5px)';

describe('splitTopLevel', () => {
  it.each([
    ['a, b', ['a', 'b']],
    ['rgb(1, 2, 3) 0px, red', ['rgb(1, 2, 3) 0px', 'red']],
    ['', []],
  ])('%j', (s, parts) => expect(splitTopLevel(s)).toEqual(parts));
});

describe('parseLinearGradient', () => {
  it.each<[string, LinearGradient | null]>([
    [
      HATCH,
      {
        repeating: true,
        angleDeg: 135,
        stops: [
          { color: 'rgb(70, 76, 86)', at: 0, fraction: false },
          { color: 'rgb(70, 76, 86)', at: 1.5, fraction: false },
          { color: 'rgb(196, 199, 204)', at: 1.5, fraction: false },
          { color: 'rgb(196, 199, 204)', at: 5, fraction: false },
        ],
      },
    ],
    // As written in a stylesheet (two positions per colour), before the browser expands it.
    [
      'repeating-linear-gradient(135deg, #464c56 0 1.5px, #c4c7cc 1.5px 5px)',
      {
        repeating: true,
        angleDeg: 135,
        stops: [
          { color: '#464c56', at: 0, fraction: false },
          { color: '#464c56', at: 1.5, fraction: false },
          { color: '#c4c7cc', at: 1.5, fraction: false },
          { color: '#c4c7cc', at: 5, fraction: false },
        ],
      },
    ],
    // A colour ramp without positions: spread evenly, pointing right.
    [
      'linear-gradient(to right, rgb(255, 0, 0), rgb(0, 255, 0), rgb(0, 0, 255))',
      {
        repeating: false,
        angleDeg: 90,
        stops: [
          { color: 'rgb(255, 0, 0)', at: 0, fraction: true },
          { color: 'rgb(0, 255, 0)', at: 0.5, fraction: true },
          { color: 'rgb(0, 0, 255)', at: 1, fraction: true },
        ],
      },
    ],
    // No direction: top to bottom.
    [
      'linear-gradient(rgba(0, 0, 0, 0.5) 10%, white)',
      {
        repeating: false,
        angleDeg: 180,
        stops: [
          { color: 'rgba(0, 0, 0, 0.5)', at: 0.1, fraction: true },
          { color: 'white', at: 1, fraction: true },
        ],
      },
    ],
    [
      'linear-gradient(0.25turn, red, blue)',
      {
        repeating: false,
        angleDeg: 90,
        stops: [
          { color: 'red', at: 0, fraction: true },
          { color: 'blue', at: 1, fraction: true },
        ],
      },
    ],
    ['none', null],
    ['url("a.png")', null],
    ['radial-gradient(red, blue)', null],
    ['linear-gradient(red)', null],
    ['linear-gradient(red 1em, blue)', null],
  ])('%s', (css, expected) => expect(parseLinearGradient(css)).toEqual(expected));
});

describe('gradientLine', () => {
  it('runs through the centre of the box, long enough for the corners', () => {
    const g = parseLinearGradient('linear-gradient(to right, red, blue)')!;
    const line = gradientLine(g, 100, 20);
    for (const [k, v] of Object.entries({ x0: 0, y0: 10, x1: 100, y1: 10, length: 100 })) expect(line[k as 'x0'], k).toBeCloseTo(v);
    const diag = gradientLine(parseLinearGradient('linear-gradient(135deg, red, blue)')!, 20, 20);
    expect(diag.length).toBeCloseTo(20 * Math.SQRT2);
    expect(diag.x0).toBeCloseTo(10 - 10);
    expect(diag.y0).toBeCloseTo(10 - 10);
  });

  it('repeats a hatch over the whole line, positions never decreasing', () => {
    const line = gradientLine(parseLinearGradient(HATCH)!, 22, 14);
    expect(line.stops.length % 4).toBe(0);
    expect(line.stops[0]!.at).toBeLessThanOrEqual(0);
    expect(line.stops.at(-1)!.at).toBeGreaterThanOrEqual(line.length);
    for (let i = 1; i < line.stops.length; i++) expect(line.stops[i]!.at).toBeGreaterThanOrEqual(line.stops[i - 1]!.at);
    // Both colours of the hatch alternate: it is not one flat colour.
    expect(new Set(line.stops.map((s) => s.color)).size).toBe(2);
  });

  it('turns percentages into px and keeps a stop from going back', () => {
    const line = gradientLine(parseLinearGradient('linear-gradient(to right, red 50%, blue 20%)')!, 200, 10);
    expect(line.stops.map((s) => s.at)).toEqual([100, 100]);
  });
});
