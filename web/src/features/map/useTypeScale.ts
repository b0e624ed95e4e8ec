import { useEffect, useState } from 'react';

/** The root font size the CSS picked for this screen, relative to the laptop's 14 px. */
export function readTypeScale(): number {
  if (typeof window === 'undefined') return 1;
  const px = parseFloat(window.getComputedStyle(document.documentElement).fontSize);
  return Number.isFinite(px) && px > 0 ? px / 14 : 1;
}

/**
 * Map labels are drawn by WebGL, out of reach of CSS: this carries the page's type scale (larger
 * on a 1920 wide screen, much larger on the command-centre wall) over to them.
 */
export function useTypeScale(): number {
  const [scale, setScale] = useState(readTypeScale);
  useEffect(() => {
    const onResize = () => setScale(readTypeScale());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return scale;
}
