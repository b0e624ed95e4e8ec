/**
 * Personal data of dispute parties and hazard reporters, as each role may see it: the wall never
 * (it gets no single rows at all), a township chief masked, the responsible officer, county
 * leaders and admins in full.
 */

/** 张三 -> 张*, 欧阳娜娜 -> 欧***; the family name stays so the chief can still tell cases apart. */
export function maskName(name: string | null): string | null {
  if (name === null) return null;
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/** 13812341234 -> 138****1234; 0734-1234567 -> 0734-***4567; anything else keeps only its last 2. */
export function maskPhone(phone: string | null): string | null {
  if (phone === null) return null;
  const p = phone.trim();
  if (/^1\d{10}$/.test(p)) return `${p.slice(0, 3)}****${p.slice(7)}`;
  const landline = /^(0\d{2,3}-?)(\d{7,8})$/.exec(p);
  if (landline) return `${landline[1]}${'*'.repeat(landline[2]!.length - 4)}${landline[2]!.slice(-4)}`;
  return p.length <= 2 ? '*'.repeat(p.length) : '*'.repeat(p.length - 2) + p.slice(-2);
}

export type PersonalDataView = 'full' | 'masked' | 'none';

export function applyView(view: PersonalDataView, name: string | null, phone: string | null): { name: string | null; phone: string | null } {
  if (view === 'full') return { name, phone };
  if (view === 'masked') return { name: maskName(name), phone: maskPhone(phone) };
  return { name: null, phone: null };
}
