/**
 * Attack a: sign-in bodies of hundreds of megabytes. Sign-in is the one write anybody may send
 * without a session, so its body must be refused (413) from its size alone, before anything is
 * buffered or parsed: with a declared Content-Length and, harder, chunked with no length at all.
 */
import { expectAnswers, type Outcome, streamBody } from './attack-http.ts';
import { ANSWER_LIMIT_MS, type Attack } from './attack-types.ts';

const MB = 1 << 20;
/** 413 must come this fast: the server should not read far into a body it will refuse. */
const QUICK_MS = 5000;

// A syntactically valid body whose one string is huge: the worst case for a server that parses
// first and checks later. The user does not exist, so no real account is locked by failed sign-ins.
const login = { prefix: '{"username":"fault-attack-nobody","password":"', suffix: '"}' };
const device = { prefix: '{"token":"', suffix: '"}' };

export const signinAttack: Attack = {
  name: 'signin',
  title: 'huge sign-in bodies (600 MB to login and device, declared and chunked; 3 x 400 MB at once)',
  async run({ base }) {
    const outcomes: Outcome[] = [];
    const one = (label: string, path: string, body: typeof login, bytes: number, declareLength: boolean) =>
      streamBody(label, { url: base + path, bytes, declareLength, timeoutMs: ANSWER_LIMIT_MS, ...body });
    outcomes.push(await one('login 600 MB, Content-Length', '/api/auth/login', login, 600 * MB, true));
    outcomes.push(await one('login 600 MB, chunked', '/api/auth/login', login, 600 * MB, false));
    outcomes.push(await one('device 600 MB, Content-Length', '/api/auth/device', device, 600 * MB, true));
    outcomes.push(await one('device 600 MB, chunked', '/api/auth/device', device, 600 * MB, false));
    outcomes.push(...(await Promise.all([1, 2, 3].map((i) => one(`login 400 MB chunked, concurrent #${i}`, '/api/auth/login', login, 400 * MB, false)))));
    return {
      outcomes,
      violations: expectAnswers(outcomes, (s) => s === 413, QUICK_MS, '413'),
      notes: [
        ...(outcomes.some((o) => String(o.status).includes('no answer read'))
          ? [
              '(no answer read): the server closed the connection while the body was still arriving, so the kernel reset it and the 413 never reached the client (a browser shows a network error); a lingering close (drain a bounded amount before closing) avoids it',
            ]
          : []),
        ...outcomes.map((o) => `${o.label}: ${o.status} after ${o.ms.toFixed(0)} ms, ${((o.sent ?? 0) / MB).toFixed(1)} MB sent before the answer`),
      ],
    };
  },
};
