import type { Db } from '../db/index.ts';

/** The channel migration 008's triggers announce every committed change on (payload: the table). */
export const CHANGES_CHANNEL = 'hengyang_changes';

/** Changes to who may sign in: they drop cached sessions, the rest drop cached answers. */
export const SESSION_TABLES: ReadonlySet<string> = new Set(['app_user', 'device_token', 'app_session']);

/**
 * The server's subscription to the database's change notices (PostgreSQL LISTEN), shared by its
 * caches: each handler gets the changed table, or null when notices may have been missed (the
 * listening connection was lost or has just come back), which means "anything may have changed".
 */
export interface ChangeNotices {
  on(handler: (table: string | null) => void): () => void;
  /** False while the connection is down: other servers' changes cannot reach this one. */
  listening(): boolean;
  stop(): Promise<void>;
}

/** Listens when the database can (PostgreSQL); the embedded database has one process and no need. */
export function changeNotices(db: Db): ChangeNotices | undefined {
  if (!db.listen) return undefined;
  const handlers = new Set<(table: string | null) => void>();
  const tell = (table: string | null) => {
    for (const h of handlers) h(table);
  };
  const listener = db.listen(
    CHANGES_CHANNEL,
    (payload) => tell(payload),
    () => tell(null),
  );
  return {
    on(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    listening: () => listener.listening(),
    stop: () => listener.stop(),
  };
}
