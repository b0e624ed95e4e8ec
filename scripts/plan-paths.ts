/** The indexes a plan reads and the tables it scans whole, for the table of contents. */
export function accessPaths(plan: readonly string[]): { indexes: string[]; seqScans: string[] } {
  const indexes = new Set<string>();
  const seqScans = new Set<string>();
  for (const line of plan) {
    for (const m of line.matchAll(/ using (\w+) on /g)) indexes.add(m[1]!);
    for (const m of line.matchAll(/Bitmap Index Scan on (\w+)/g)) indexes.add(m[1]!);
    for (const m of line.matchAll(/Seq Scan on (\w+)/g)) seqScans.add(m[1]!);
  }
  return { indexes: [...indexes].sort(), seqScans: [...seqScans].sort() };
}
