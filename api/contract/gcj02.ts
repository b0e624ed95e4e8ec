/**
 * GCJ-02 <-> WGS84. GCJ-02 is the deliberately offset datum AMap publishes in; the offset is a
 * published closed-form function of the WGS84 position (wgs84ToGcj02), but has no closed-form
 * inverse, so gcj02ToWgs84 refines a guess with the forward function until it reproduces the input.
 */

export type LngLat = [number, number];

const A = 6378245.0; // Krasovsky 1940 semi-major axis, as the GCJ-02 algorithm defines it
// Written as the algorithm publishes it; a double keeps 0.006693421622965943 of it.
const EE = 0.006693421622965943;

/** The offset only applies inside China's rough bounding box; outside it GCJ-02 equals WGS84. */
export function outOfChina(lng: number, lat: number): boolean {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function transformLat(x: number, y: number): number {
  let ret = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  ret += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  ret += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3;
  ret += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3;
  return ret;
}

function transformLng(x: number, y: number): number {
  let ret = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  ret += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  ret += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3;
  ret += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3;
  return ret;
}

export function wgs84ToGcj02([lng, lat]: LngLat): LngLat {
  if (outOfChina(lng, lat)) return [lng, lat];
  let dLat = transformLat(lng - 105, lat - 35);
  let dLng = transformLng(lng - 105, lat - 35);
  const radLat = (lat / 180) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  dLng = (dLng * 180) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return [lng + dLng, lat + dLat];
}

/**
 * Inverse by fixed-point iteration: the offset varies slowly (a few hundred metres over
 * hundreds of km), so subtracting the forward error converges in a handful of steps.
 */
export function gcj02ToWgs84([lng, lat]: LngLat, tolerance = 1e-9): LngLat {
  if (outOfChina(lng, lat)) return [lng, lat];
  let w: LngLat = [lng, lat];
  for (let i = 0; i < 30; i++) {
    const g = wgs84ToGcj02(w);
    const eLng = g[0] - lng;
    const eLat = g[1] - lat;
    w = [w[0] - eLng, w[1] - eLat];
    if (Math.abs(eLng) < tolerance && Math.abs(eLat) < tolerance) break;
  }
  return w;
}
