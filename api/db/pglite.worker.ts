/**
 * The embedded database's own thread. PGlite runs PostgreSQL as WASM on the thread that calls it
 * and ignores statement_timeout, so on the server's thread one slow statement would stop every
 * request, health checks included. Here it can only stop itself, and the server's watchdog can
 * end it (`worker.terminate()` interrupts WASM) and open the data folder again.
 *
 * Protocol (see pglite-protocol.ts): the main thread sends numbered requests; transactions are
 * held open here, each waiting for its queries and its `end` in order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { type Reply, type Request, serialiseError, type WorkerInit } from './pglite-protocol.ts';

const init = (workerData as { data: WorkerInit }).data;
const port = parentPort!;
/** [0]: when the statement now running started (ms since epoch), 0 when idle; read by the watchdog. */
const busySince = new Float64Array(init.busy);

const pg = await PGlite.create({
  dataDir: init.dataDir,
  loadDataDir: init.loadDataDir ? new Blob([init.loadDataDir]) : undefined,
  extensions: { postgis },
});
await pg.exec('CREATE EXTENSION IF NOT EXISTS postgis');

interface OpenTx {
  tx: Transaction;
  /** Calls on one transaction run strictly in order, as they would on a connection. */
  chain: Promise<unknown>;
  finish: (commit: boolean) => void;
  done: Promise<void>;
}
const open = new Map<number, OpenTx>();
let nextTx = 1;

/** Marks one call to PGlite as running, for the watchdog, when the caller asked to be watched. */
async function timed<T>(watch: boolean, fn: () => Promise<T>): Promise<T> {
  busySince[0] = watch ? Date.now() : 0;
  try {
    return await fn();
  } finally {
    busySince[0] = 0;
  }
}

/**
 * Opens a transaction and holds it until `end`: PGlite's own lock keeps every other transaction
 * waiting meanwhile, as one connection would. Resolves with its id once it is open.
 */
function begin(readOnly: boolean): Promise<number> {
  return new Promise((resolveId, rejectId) => {
    const id = nextTx++;
    let finish!: (commit: boolean) => void;
    const decided = new Promise<boolean>((r) => (finish = r));
    const entry = { chain: Promise.resolve(), finish } as OpenTx;
    entry.done = pg
      .transaction(async (tx) => {
        if (readOnly) await tx.exec('SET TRANSACTION READ ONLY');
        entry.tx = tx;
        open.set(id, entry);
        resolveId(id);
        if (!(await decided)) await tx.rollback();
      })
      .finally(() => open.delete(id));
    // Before it opened: the caller hears it from `begin`; after: from `end`.
    entry.done.catch(rejectId);
  });
}

/** Queues `fn` after everything already sent for the same transaction. */
function onTx<T>(id: number, fn: (o: OpenTx) => Promise<T>): Promise<T> {
  const o = open.get(id);
  if (!o) return Promise.reject(new Error(`no open transaction ${id}`));
  const run = o.chain.then(() => fn(o));
  o.chain = run.catch(() => undefined);
  return run;
}

async function handle(req: Request): Promise<unknown> {
  switch (req.op) {
    case 'begin':
      return begin(req.readOnly);
    case 'query':
      return onTx(req.tx, (o) => timed(req.watch, async () => (await o.tx.query(req.sql, req.params as unknown[])).rows));
    case 'exec':
      if (req.tx === null) return timed(false, async () => void (await pg.exec(req.sql)));
      return onTx(req.tx, (o) => timed(req.watch, async () => void (await o.tx.exec(req.sql))));
    case 'end':
      return onTx(req.tx, async (o) => {
        o.finish(req.commit);
        await o.done;
      });
    case 'dump': {
      const blob = await pg.dumpDataDir('none');
      return new Uint8Array(await blob.arrayBuffer());
    }
    case 'close':
      await pg.close();
      return undefined;
  }
}

port.on('message', (req: Request) => {
  handle(req).then(
    (value) => {
      const reply: Reply = { id: req.id, ok: true, value };
      port.postMessage(reply, value instanceof Uint8Array ? [value.buffer as ArrayBuffer] : []);
    },
    (err: unknown) => {
      // A WASM abort (a GEOS crash) leaves the instance unusable: tell the server to start anew.
      const fatal = err instanceof WebAssembly.RuntimeError || pg.closed;
      const reply: Reply = { id: req.id, ok: false, error: serialiseError(err), fatal };
      port.postMessage(reply);
    },
  );
});
port.postMessage({ ready: true });
