/**
 * The SQLite driver adapter, made safe for concurrent requests in one process and for several
 * processes on one file.
 *
 * @prisma/adapter-better-sqlite3 6.19.3 has one connection per client. It guards only the start
 * of an interactive transaction with a mutex and runs plain queries on the same connection
 * without it, so another request's single write could land inside an open transaction (and be
 * rolled back with it, or be seen by readers before its commit). It also starts transactions with
 * a deferred BEGIN: a read-then-write transaction then fails at once with SQLITE_BUSY ("database
 * is locked") when another process committed in between, which no busy timeout can wait out.
 *
 * Here every query of the process waits for the transaction in progress (one lock for both), and
 * transactions start with BEGIN IMMEDIATE, which takes the write lock first (waiting up to the
 * busy timeout for other processes), so a transaction that started never fails for a lock. A
 * failed COMMIT is rolled back and frees the connection instead of leaving it stuck.
 */
import { resolve } from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

type Factory = InstanceType<typeof PrismaBetterSQLite3>;
type Adapter = Awaited<ReturnType<Factory["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;
type Query = Parameters<Adapter["queryRaw"]>[0];

/** A FIFO lock: acquire() resolves to the function that releases it. */
class Lock {
  private tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.tail;
    this.tail = previous.then(() => held);
    return previous.then(() => release);
  }
}

const statement = (sql: string): Query => ({ sql, args: [], argTypes: [] });

/**
 * One lock per database file for the whole process, shared by every client opened on it (the
 * console opens several): better-sqlite3 waits for SQLite's lock synchronously, so a second
 * connection of the same process waiting for the first one's write lock would block the event
 * loop the first one needs to commit.
 */
const locks = new Map<string, Lock>();

function lockFor(file: string): Lock {
  let lock = locks.get(file);
  if (!lock) {
    lock = new Lock();
    locks.set(file, lock);
  }
  return lock;
}

function serialize(inner: Adapter, lock: Lock): Adapter {
  const exclusive = async <T>(run: () => Promise<T>): Promise<T> => {
    const release = await lock.acquire();
    try {
      return await run();
    } finally {
      release();
    }
  };
  const adapter: Adapter = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (query) => exclusive(() => inner.queryRaw(query)),
    executeRaw: (query) => exclusive(() => inner.executeRaw(query)),
    executeScript: (script) => exclusive(() => inner.executeScript(script)),
    getConnectionInfo: inner.getConnectionInfo
      ? () => inner.getConnectionInfo?.() ?? { supportsRelationJoins: false }
      : undefined,
    dispose: () => exclusive(() => inner.dispose()),
    async startTransaction(): Promise<Transaction> {
      const release = await lock.acquire();
      try {
        await inner.executeRaw(statement("BEGIN IMMEDIATE"));
      } catch (error) {
        release();
        throw error;
      }
      let open = true;
      const finish = async () => {
        if (!open) return;
        open = false;
        release();
      };
      return {
        provider: inner.provider,
        adapterName: inner.adapterName,
        // Prisma sends COMMIT / ROLLBACK itself through executeRaw, then calls commit() / rollback().
        options: { usePhantomQuery: false },
        queryRaw: (query) => inner.queryRaw(query),
        async executeRaw(query) {
          try {
            return await inner.executeRaw(query);
          } catch (error) {
            if (/^\s*COMMIT/i.test(query.sql)) {
              await inner.executeRaw(statement("ROLLBACK")).catch(() => undefined);
              await finish();
            }
            throw error;
          }
        },
        commit: finish,
        rollback: finish,
      };
    },
  };
  return adapter;
}

/** The adapter factory for a registry file: PrismaBetterSQLite3 with the locking described above. */
export function serializedSqliteAdapter(options: { url: string; timeout: number }) {
  const factory = new PrismaBetterSQLite3(options);
  const lock = lockFor(resolve(options.url.replace(/^file:/, "")));
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => serialize(await factory.connect(), lock),
    connectToShadowDb: async () => serialize(await factory.connectToShadowDb(), new Lock()),
  } as unknown as Factory;
}
