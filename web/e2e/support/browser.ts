import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium with a software GPU (SwiftShader), as on the CI machine. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--enable-unsafe-swiftshader',
      '--use-angle=swiftshader',
      '--use-gl=angle',
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Resolves once the map has drawn its first frame with data (the app sets the flag). */
export async function waitForMap(page: Page, timeout = 60_000): Promise<void> {
  await page.locator('[data-map-ready="true"]').waitFor({ state: 'attached', timeout });
}

/**
 * Pixel statistics of a screenshot region, decoded in the page (no PNG library needed): the
 * standard deviation of luminance and the number of distinct colours. A blank or single-colour
 * canvas has a deviation near 0 and a handful of colours.
 */
export async function pixelStats(page: Page, clip: { x: number; y: number; width: number; height: number }): Promise<{ stdev: number; colours: number }> {
  const png = await page.screenshot({ clip });
  return page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
    let sum = 0;
    let sumSq = 0;
    const colours = new Set<number>();
    const n = data.length / 4;
    for (let i = 0; i < data.length; i += 4) {
      const l = 0.2126 * data[i]! + 0.7152 * data[i + 1]! + 0.0722 * data[i + 2]!;
      sum += l;
      sumSq += l * l;
      colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    }
    const mean = sum / n;
    return { stdev: Math.sqrt(Math.max(0, sumSq / n - mean * mean)), colours: colours.size };
  }, png.toString('base64'));
}

/**
 * Resolves once the camera has stopped: the bounds the map publishes unchanged over `quietMs`. A
 * fixed wait after a fly-to is too short on a software GPU under load, and a point projected from
 * bounds still moving lands beside its village.
 */
export async function waitForCameraStill(page: Page, quietMs = 600, timeout = 20_000): Promise<void> {
  const map = page.getByTestId('map');
  const end = Date.now() + timeout;
  let last = await map.getAttribute('data-bounds');
  let since = Date.now();
  while (Date.now() < end) {
    await page.waitForTimeout(150);
    const now = await map.getAttribute('data-bounds');
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return;
  }
  throw new Error(`the map camera did not settle within ${timeout} ms`);
}

/** Screen position of a longitude/latitude in the map, from the bounds the map publishes (Web Mercator). */
export async function projectToScreen(page: Page, lng: number, lat: number): Promise<{ x: number; y: number }> {
  const map = page.getByTestId('map');
  const bounds = (await map.getAttribute('data-bounds'))!.split(',').map(Number) as [number, number, number, number];
  const box = (await map.boundingBox())!;
  const mercY = (d: number) => Math.log(Math.tan(Math.PI / 4 + (d * Math.PI) / 360));
  const [w, s, e, n] = bounds;
  return {
    x: box.x + ((lng - w) / (e - w)) * box.width,
    y: box.y + ((mercY(n) - mercY(lat)) / (mercY(n) - mercY(s))) * box.height,
  };
}
