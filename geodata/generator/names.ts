/**
 * NBS village-level names carry the committee's formal title ("将军头村委会", "壕塘社区居委会");
 * maps and dispatch screens use the place name ("将军头村", "壕塘社区").
 */

export type VillageKind = '村' | '社区';

/** 社区 covers residents' committees however the NBS list spells them. */
export function villageKind(nbsName: string): VillageKind {
  return /社区|居委会|居民委员会/.test(nbsName) ? '社区' : '村';
}

const SUFFIXES: Array<[RegExp, string]> = [
  [/社区居民委员会$/, '社区'],
  [/社区居委会$/, '社区'],
  [/居民委员会$/, '社区'],
  [/居委会$/, '社区'],
  [/村民委员会$/, '村'],
  [/村委会$/, '村'],
];

export function displayName(nbsName: string): string {
  const name = nbsName.trim();
  for (const [re, replacement] of SUFFIXES) {
    if (re.test(name)) return name.replace(re, replacement);
  }
  return name;
}
