import { describe, expect, it } from 'vitest';
import type { Handle } from '../db/index.ts';
import { VillageHeads } from './village-heads.ts';

/** A handle whose heads query answers each asked code with a head of `token`, when `gate` opens. */
function handle(token: string, gate: Promise<void> = Promise.resolve(), asked: string[][] = []): Handle {
  return {
    async query<T>(_sql: string, params?: readonly unknown[]) {
      const codes = params![0] as string[];
      asked.push(codes);
      await gate;
      return codes.map((code) => ({ code, token, source: 'generated', head: `${code}@${token}` })) as T[];
    },
    exec: async () => {},
  };
}

describe('VillageHeads', () => {
  it('reads only the heads it does not keep, and keeps them for their token', async () => {
    const heads = new VillageHeads();
    const asked: string[][] = [];
    const h = handle('t1', undefined, asked);
    expect([...(await heads.of(h, 't1', ['a', 'b'])).keys()]).toEqual(['a', 'b']);
    const again = await heads.of(h, 't1', ['b', 'c']);
    expect(asked).toEqual([['a', 'b'], ['c']]);
    expect(again.get('c')!.head).toBe('c@t1');
  });

  it('starts afresh when the token changes', async () => {
    const heads = new VillageHeads();
    await heads.of(handle('t1'), 't1', ['a']);
    const got = await heads.of(handle('t2'), 't2', ['a']);
    expect(got.get('a')!.head).toBe('a@t2');
    expect(heads.size).toBe(1);
  });

  it("never keeps one token's heads under another when requests interleave", async () => {
    const heads = new VillageHeads();
    let open!: () => void;
    const gate = new Promise<void>((r) => {
      open = r;
    });
    // a request of token t1 waits for its heads; meanwhile one of t2 comes and goes
    const slow = heads.of(handle('t1', gate), 't1', ['a']);
    expect((await heads.of(handle('t2'), 't2', ['b'])).get('b')!.head).toBe('b@t2');
    open();
    expect((await slow).get('a')!.head).toBe('a@t1');
    const asked: string[][] = [];
    const later = await heads.of(handle('t2', undefined, asked), 't2', ['a', 'b']);
    expect(asked).toEqual([['a']]);
    expect(later.get('a')!.head).toBe('a@t2');
  });

  it('reads every head of the answer again, and keeps none, when the map changed after its token', async () => {
    const heads = new VillageHeads();
    await heads.of(handle('t1'), 't1', ['a']);
    // the map changed between the caller's statement (t1) and the heads' (t2): not a@t1 beside b@t2
    const asked: string[][] = [];
    const got = await heads.of(handle('t2', undefined, asked), 't1', ['a', 'b']);
    expect(asked).toEqual([['b'], ['a', 'b']]);
    expect([...got.values()].map((v) => v.head)).toEqual(['a@t2', 'b@t2']);
    expect(heads.size).toBe(1);
  });

  it('keeps nothing for a missing token', async () => {
    const heads = new VillageHeads();
    const asked: string[][] = [];
    await heads.of(handle('t1', undefined, asked), null, ['a']);
    await heads.of(handle('t1', undefined, asked), null, ['a']);
    expect(asked).toEqual([['a'], ['a']]);
  });

  it("keeps the two latest tokens' heads (a replica replaying a change alternates between them)", async () => {
    const heads = new VillageHeads();
    const asked: string[][] = [];
    for (const token of ['t1', 't2', 't1', 't2', 't3', 't2', 't1']) await heads.of(handle(token, undefined, asked), token, ['a']);
    // t1 and t2 once each, t3 once; t1 again after t3 and t2 pushed it out
    expect(asked.length).toBe(4);
  });
});
