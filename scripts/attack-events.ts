/**
 * Attack b: 200 concurrent /api/events requests from one county user, each for a different year
 * (so the answer cache cannot fold them into one computation), half of them abandoned by the
 * client after 1 s. Every request kept must be answered 200, or 503 with Retry-After when the
 * server sheds load; and once the burst is over the server must be idle again at once, not still
 * working through requests nobody is waiting for.
 */
import { expectAnswers, firstOkAfter, type Outcome, timed } from './attack-http.ts';
import { ANSWER_LIMIT_MS, type Attack } from './attack-types.ts';

const COUNT = 200;
const ABORT_AFTER_MS = 1000;
/** After the burst, a fresh request must be answered 200 within this long. */
const IDLE_LIMIT_MS = 5000;

const day = (t: number) => new Date(t).toISOString().slice(0, 10);
/** A distinct year ending `i` days before today. */
const period = (i: number) => {
  const to = Date.now() - i * 86400e3;
  return `from=${day(to - 364 * 86400e3)}&to=${day(to)}`;
};

export const eventsAttack: Attack = {
  name: 'events',
  title: `${COUNT} concurrent distinct GET /api/events from one county user, half aborted by the client after ${ABORT_AFTER_MS / 1000} s`,
  async run({ base, county }) {
    const headers = { cookie: county.cookie };
    const burst = await Promise.all(
      Array.from({ length: COUNT }, (_, i) => {
        const abort = i % 2 === 0;
        return timed(`${abort ? 'aborted' : 'kept'} #${i}`, `${base}/api/events?${period(i)}`, {
          headers,
          timeoutMs: ANSWER_LIMIT_MS,
          ...(abort ? { signal: AbortSignal.timeout(ABORT_AFTER_MS) } : {}),
        }).then((o) => (abort && o.status === 'timeout' && o.ms < ANSWER_LIMIT_MS ? { ...o, status: 'aborted' } : o));
      }),
    );
    const burstEnd = performance.now();

    // Idle again? Fresh distinct requests (a period no burst request asked for) until one is answered 200.
    const { probes: idle, firstOkMs } = await firstOkAfter(burstEnd, IDLE_LIMIT_MS, (n) => `${base}/api/events?${period(COUNT + 10 + n)}`, { headers });

    const kept = burst.filter((o) => o.label.startsWith('kept'));
    const abandoned = burst.filter((o) => o.label.startsWith('aborted'));
    const violations = [
      ...expectAnswers(kept, (s) => s === 200 || s === 503, ANSWER_LIMIT_MS, '200 or 503'),
      ...expectAnswers(
        abandoned.filter((o) => o.status !== 'aborted'),
        (s) => s === 200 || s === 503,
        ABORT_AFTER_MS,
        '200 or 503 (or the client abort)',
      ),
      ...burst.filter((o) => o.status === 503 && !o.retryAfter).map((o) => `${o.label}: 503 without Retry-After`),
    ];
    if (firstOkMs === null) violations.push(`no fresh request answered 200 within ${IDLE_LIMIT_MS / 1000} s after the burst (${idle.map((o) => o.status).join(', ')})`);
    const countOf = (xs: Outcome[], s: number | string) => xs.filter((o) => o.status === s).length;
    return {
      outcomes: [...burst, ...idle],
      violations,
      notes: [
        `kept ${kept.length}: ${countOf(kept, 200)} x 200, ${countOf(kept, 503)} x 503, others ${kept.length - countOf(kept, 200) - countOf(kept, 503)}`,
        `aborted ${abandoned.length}: ${countOf(abandoned, 'aborted')} abandoned by the client at ${ABORT_AFTER_MS} ms, ${abandoned.length - countOf(abandoned, 'aborted')} answered before`,
        `after the burst: ${firstOkMs === null ? 'no 200' : `first 200 after ${firstOkMs.toFixed(0)} ms`} (${idle.length} probe${idle.length === 1 ? '' : 's'})`,
      ],
    };
  },
};
