/**
 * npm run fault:attack [-- --only signin,events,tiles,imports,pgkill] [--pg] [--data-dir DIR]
 * Hostile requests against the real server (a child process on loopback): huge sign-in bodies,
 * a burst of distinct heavy reads half abandoned by the client, a burst of the costliest and of
 * malformed vector tiles, import bombs, and (--pg) a killed
 * PostgreSQL backend. While each runs, GET /api/health is polled every 0.5 s; after each, the
 * server must be idle again. Per attack it prints the answers and their times, the longest health
 * gap, the server's RSS and whether the database changed; at the end a markdown table of figures.
 * Each attack's requests must be answered 4xx or 503 (events, costly tiles: 200 or 503) within 30 s, nothing may
 * change in the database, and health may never go 2 s without a 200. Exits 1 listing every violation.
 * Default: embedded PGlite in a temp DATA_DIR (demo users); --pg: a throwaway PostgreSQL cluster.
 */
import { execSync } from 'node:child_process';
import { DbProbe, type DbState } from './attack-db-state.ts';
import { eventsAttack } from './attack-events.ts';
import { msRange, statusCounts } from './attack-http.ts';
import { importsAttack } from './attack-imports.ts';
import { pgKillAttack } from './attack-pg-kill.ts';
import { signinAttack } from './attack-signin.ts';
import { tilesAttack } from './attack-tiles.ts';
import type { Attack, AttackContext, AttackResult } from './attack-types.ts';
import { cliArgsOrExit } from './cli-args.ts';
import { ensureUser, rmDir, type Server, startServer, tempDir, throwawayCluster } from './fault-support.ts';
import { HealthMonitor, rssKb } from './health-monitor.ts';

const ATTACKS: Attack[] = [signinAttack, eventsAttack, tilesAttack, importsAttack, pgKillAttack];
const HEALTH_GAP_LIMIT_MS = 2000;
const SETTLE_LIMIT_MS = 120_000;

const USAGE = 'usage: npm run fault:attack [-- --only signin,events,tiles,imports,pgkill] [--pg] [--data-dir DIR]';
const { values: f } = cliArgsOrExit('fault:attack', USAGE, { only: { type: 'string' }, pg: { type: 'boolean' }, 'data-dir': { type: 'string' } });
const only = f.only?.split(',').map((s) => s.trim());
const unknown = only?.filter((n) => !ATTACKS.some((a) => a.name === n)) ?? [];
if (unknown.length) throw new Error(`unknown attack ${unknown.join(', ')}; choose from ${ATTACKS.map((a) => a.name).join(', ')}`);
const selected = ATTACKS.filter((a) => !only || only.includes(a.name));
const usePg = f.pg ?? false;

interface Row {
  attack: Attack;
  result: AttackResult;
  violations: string[];
  cells: string[];
}
const mib = (kb: number | null) => (kb === null ? '?' : `${(kb / 1024).toFixed(0)}`);
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main() {
  const cluster = usePg ? await throwawayCluster() : null;
  const dataDir = f['data-dir'] ?? tempDir('hy-attack-');
  const serverOpts = { dataDir, databaseUrl: cluster?.url };
  let commit = '?';
  try {
    commit = execSync('git describe --always --dirty', { encoding: 'utf8' }).trim();
  } catch {
    /* not a checkout */
  }
  console.log(`fault:attack on ${commit}; database ${cluster ? `PostgreSQL (throwaway cluster, port ${cluster.port})` : `embedded PGlite in ${dataDir}`}`);

  let server: Server = await startServer(serverOpts);
  console.log(`server ready in ${secs(server.readyMs)} (pid ${server.pid})`);
  const signInAll = async (base: string) =>
    cluster
      ? {
          county: await ensureUser(base, cluster.url, { username: 'fault-county', password: 'fault-attack-pass', role: 'county' }),
          admin: await ensureUser(base, cluster.url, { username: 'fault-admin', password: 'fault-attack-pass', role: 'admin' }),
        }
      : {
          county: await ensureUser(base, undefined, { username: 'demo-county', password: 'hengyang-demo', role: 'county' }),
          admin: await ensureUser(base, undefined, { username: 'demo-admin', password: 'hengyang-demo', role: 'admin' }),
        };
  let sessions = await signInAll(server.base);
  const monitor = new HealthMonitor(server.base, server.pid);
  const probe = new DbProbe(sessions.admin, cluster?.url);
  console.log(`database changes measured by ${probe.where}`);
  monitor.start();

  const rows: Row[] = [];
  for (const attack of selected) {
    console.log(`\n== ${attack.name}: ${attack.title}`);
    if (attack.pgOnly && !cluster) {
      console.log('  skipped: PostgreSQL only (run with --pg)');
      continue;
    }
    // A server killed by the previous attack is reported there; this one starts on a fresh process.
    if (!server.alive()) {
      server = await startServer(serverOpts);
      sessions = await signInAll(server.base);
      monitor.retarget(server.base, server.pid);
      probe.retarget(sessions.admin);
      console.log(`  (server restarted in ${secs(server.readyMs)}, pid ${server.pid})`);
    }
    await attack.prepare?.();
    await monitor.settle(1000, SETTLE_LIMIT_MS);
    const before: DbState | null = await probe.snapshot().catch((e) => {
      console.log(`  state before: ${e}`);
      return null;
    });
    const rssBefore = rssKb(server.pid);
    const t0 = Date.now();
    const current = server;
    const ctx: AttackContext = {
      base: server.base,
      county: sessions.county,
      admin: sessions.admin,
      pgUrl: cluster?.url,
      serverAlive: () => current.alive(),
      settle: () => monitor.settle(1000, SETTLE_LIMIT_MS),
      healthGap: (a, b) => monitor.window(a, b).longestGapOk,
    };
    const result: AttackResult = await attack.run(ctx).catch((e) => ({ outcomes: [], violations: [`the attack itself failed: ${(e as Error).stack ?? e}`], notes: [] }));
    const attackMs = Date.now() - t0;
    const settledMs = current.alive() ? await monitor.settle(1000, SETTLE_LIMIT_MS) : null;
    const t1 = Date.now();
    const rssAfter = rssKb(current.pid);
    const w = monitor.window(t0, t1);
    // A short attack may see no monitor tick at all: its peak is then the larger of before and after.
    w.peakRssKb = Math.max(w.peakRssKb ?? 0, rssBefore ?? 0, rssAfter ?? 0) || null;
    const after: DbState | null = current.alive()
      ? await probe.snapshot().catch((e) => {
          console.log(`  state after: ${e}`);
          return null;
        })
      : null;
    const changes = before && after ? probe.changes(before, after) : null;

    const violations = [...result.violations];
    if (result.skipped) violations.push(`not run: ${result.skipped}`);
    if (!current.alive()) violations.push(`the server process died:\n${current.tail()}`);
    else if (settledMs === null) violations.push(`the server was not idle again within ${SETTLE_LIMIT_MS / 1000} s after the attack`);
    const okLimit = Math.max(HEALTH_GAP_LIMIT_MS, result.healthMayFailFor ?? 0);
    if (w.longestGapAnswer > HEALTH_GAP_LIMIT_MS) violations.push(`/api/health went ${w.longestGapAnswer} ms without answering (limit ${HEALTH_GAP_LIMIT_MS} ms)`);
    if (w.longestGapOk > okLimit) violations.push(`/api/health went ${w.longestGapOk} ms without a 200 (limit ${okLimit} ms)`);
    if (changes === null) violations.push('database state unknown (could not read it before or after)');
    else if (changes.length) violations.push(`the database changed: ${changes.join('; ')}`);

    const health = `polls ${w.polls}: 200 x${w.ok}${Object.entries({ ...w.other, ...w.failed })
      .map(([k, n]) => `, ${k} x${n}`)
      .join('')}`;
    console.log(`  answers          ${statusCounts(result.outcomes)}`);
    console.log(`  time to answer   ${msRange(result.outcomes)}`);
    console.log(`  attack took      ${secs(attackMs)}; idle again ${settledMs === null ? 'NEVER' : `after ${settledMs} ms`}`);
    console.log(`  /api/health      longest gap without a 200 ${w.longestGapOk} ms, without any answer ${w.longestGapAnswer} ms (${health})`);
    if (w.longestTickPause > 1000)
      console.log(`  (the monitor itself paused ${w.longestTickPause} ms: this script's event loop was busy, so a health gap that long may be the script's, not the server's)`);
    console.log(`  server RSS       before ${mib(rssBefore)} MiB, peak ${mib(w.peakRssKb)} MiB, after ${mib(rssAfter)} MiB`);
    console.log(`  database         ${changes === null ? 'unknown' : changes.length ? `CHANGED: ${changes.join('; ')}` : 'unchanged'}`);
    for (const n of result.notes) console.log(`  ${n}`);
    for (const v of violations) console.log(`  ! ${v}`);
    console.log(`  => ${violations.length ? `${violations.length} violation${violations.length === 1 ? '' : 's'}` : 'OK'}`);
    rows.push({
      attack,
      result,
      violations,
      cells: [
        attack.name,
        result.skipped ? 'not run' : statusCounts(result.outcomes),
        msRange(result.outcomes),
        `${w.longestGapOk} / ${w.longestGapAnswer} ms`,
        `${mib(rssBefore)} → ${mib(w.peakRssKb)} → ${mib(rssAfter)}`,
        changes === null ? 'unknown' : changes.length ? 'changed' : 'unchanged',
        violations.length ? `${violations.length} violation(s)` : 'OK',
      ],
    });
  }

  await monitor.stop();
  if (server.alive()) await server.stop();
  cluster?.done();
  const bad = rows.filter((r) => r.violations.length);
  if (!bad.length && f['data-dir'] === undefined) rmDir(dataDir);

  console.log(`\n### fault:attack (${cluster ? 'PostgreSQL' : 'PGlite'}, ${commit}, ${new Date().toISOString().slice(0, 10)})\n`);
  console.log('| attack | answers | time to answer | longest health gap (no 200 / no answer) | RSS MiB before → peak → after | database | result |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.cells.join(' | ')} |`);
  if (bad.length) {
    console.log(`\nFAILED: ${bad.reduce((n, r) => n + r.violations.length, 0)} violation(s)${f['data-dir'] !== undefined || bad.length ? ` (DATA_DIR kept: ${dataDir})` : ''}`);
    for (const r of bad) for (const v of r.violations) console.log(`  ${r.attack.name}: ${v.split('\n')[0]}`);
  } else console.log('\nOK: every attack answered in time, health never gapped, nothing changed');
  process.exit(bad.length ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
