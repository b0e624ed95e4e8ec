import { afterEach, describe, expect, it, vi } from 'vitest';
import { ANSWER_MARGIN_MS, answerDeadlineMs, DEFAULT_ANSWER_DEADLINE_MS, fetchWithDeadline, NoAnswerError, setAnswerDeadline } from './answer-deadline.ts';
import { sessionFetch } from './session.ts';

/** A fetch that answers only when told to (or never), honouring its signal as browsers do. */
function hangingFetch() {
  const seen: RequestInit[] = [];
  let answer: (r: Response) => void = () => {};
  vi.stubGlobal(
    'fetch',
    vi.fn(
      (_input: RequestInfo | URL, init: RequestInit = {}) =>
        new Promise<Response>((resolve, reject) => {
          seen.push(init);
          answer = resolve;
          init.signal?.addEventListener('abort', () => reject(init.signal!.reason ?? new DOMException('aborted', 'AbortError')));
        }),
    ),
  );
  return { seen, answer: (r: Response) => answer(r) };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
  setAnswerDeadline(20_000);
});

describe('fetchWithDeadline', () => {
  it('gives up on a read that gets no answer, as NoAnswerError', async () => {
    hangingFetch();
    const t0 = Date.now();
    const err = await fetchWithDeadline('/api/stats/summary', {}, 40).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NoAnswerError);
    expect((err as NoAnswerError).afterMs).toBe(40);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(35);
  });

  it('lets the page cancel its own read: the AbortError stays an AbortError', async () => {
    hangingFetch();
    const ctl = new AbortController();
    const pending = fetchWithDeadline('/api/villages', { signal: ctl.signal }, 10_000).catch((e: unknown) => e);
    ctl.abort(new DOMException('unmounted', 'AbortError'));
    const err = await pending;
    expect(err).not.toBeInstanceOf(NoAnswerError);
    expect((err as DOMException).name).toBe('AbortError');
  });

  it('bounds the wait for the answer, not the reading of its body', async () => {
    const f = hangingFetch();
    const pending = fetchWithDeadline('/api/exports/x.csv', {}, 30);
    f.answer(new Response('a,b\n1,2\n'));
    const res = await pending;
    await new Promise((r) => setTimeout(r, 60));
    expect(f.seen[0]!.signal!.aborted).toBe(false);
    expect(await res.text()).toBe('a,b\n1,2\n');
  });
});

describe('setAnswerDeadline', () => {
  it.each([
    [20_000, 40_000 + ANSWER_MARGIN_MS],
    [120_000, 240_000 + ANSWER_MARGIN_MS],
    [0, DEFAULT_ANSWER_DEADLINE_MS],
    [Number.NaN, DEFAULT_ANSWER_DEADLINE_MS],
    [null, DEFAULT_ANSWER_DEADLINE_MS],
    ['600000', DEFAULT_ANSWER_DEADLINE_MS],
  ])('the server deadline %j gives reads %j ms', (server, expected) => {
    setAnswerDeadline(server);
    expect(answerDeadlineMs()).toBe(expected);
  });
});

describe('sessionFetch', () => {
  it('puts the deadline on reads only: a write keeps waiting (its retry is the user\u2019s, with its idempotency key)', async () => {
    vi.useFakeTimers();
    setAnswerDeadline(20_000);
    const f = hangingFetch();
    const read = sessionFetch('/api/coverage').catch((e: unknown) => e);
    const write = sessionFetch('/api/hazards', { method: 'POST', body: '{}' });
    await vi.advanceTimersByTimeAsync(40_000 + ANSWER_MARGIN_MS - 1);
    expect(f.seen[0]!.signal!.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await read).toBeInstanceOf(NoAnswerError);
    await vi.advanceTimersByTimeAsync(600_000);
    // the write's request carries no signal of ours and is still waiting
    expect(f.seen[1]!.signal).toBeUndefined();
    f.answer(new Response('{}', { status: 201 }));
    expect((await write).status).toBe(201);
  });
});
