/**
 * Change notices for the Redis online stores (one Redis, Sentinel, Cluster): every write path
 * (materialization, push, write-to-online-store, deleting a view or a project) PUBLISHes
 * `<project>\x1f<view>` (or `<project>` for a whole project) on `<key prefix>pantry:online-changes`
 * right after its commands, in the same pipeline where it can. A cache subscribes with its own
 * connection and keeps a version per view; a process also moves its own versions when its writes
 * return, without waiting for its notice. Redis sends a notice to subscribers in the same event
 * loop turn as the writer's reply, and sync() waits one turn of this process's event loop so
 * that every notice already received is applied before a read is answered from the cache.
 * While the subscription is down (reconnecting, failover), sync() answers false: no entry is
 * served or stored, and the epoch moves, so entries from before the gap are never served again.
 */
import type { OnlineChangeFeed } from "./types";

export function changesChannel(keyPrefix: string): string {
  return `${keyPrefix}pantry:online-changes`;
}

export function changeNotice(project: string, view: string | null): string {
  return view === null ? project : `${project}\u001f${view}`;
}

/** The part of an ioredis client (Redis or Cluster) a subscriber uses. */
export interface Subscriber {
  subscribe(channel: string): Promise<unknown>;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  status: string;
  disconnect(): void;
}

export class RedisChangeFeed implements OnlineChangeFeed {
  private epoch = 0;
  private subscribed = false;
  private seq = 0;
  private readonly views = new Map<string, number>();
  private readonly projects = new Map<string, number>();

  constructor(
    private readonly subscriber: Subscriber,
    private readonly channel: string,
  ) {
    subscriber.on("message", (...args: unknown[]) => {
      if (args[0] === channel) this.notice(String(args[1]));
    });
    const down = () => {
      this.subscribed = false;
      this.epoch++;
    };
    subscriber.on("close", down);
    subscriber.on("end", down);
    subscriber.on("reconnecting", down);
    subscriber.on("ready", () => this.subscribe());
    this.subscribe();
  }

  /** A write this process made (or tried): moves the versions it touched at once. */
  notice(text: string): void {
    const at = text.indexOf("\u001f");
    this.seq++;
    if (at === -1) this.projects.set(text, this.seq);
    else this.views.set(text, this.seq);
  }

  async sync(): Promise<boolean> {
    // One turn of the event loop: notices that arrived with (or before) the request are read first.
    await new Promise<void>((resolve) => setImmediate(resolve));
    return this.subscribed;
  }

  version(project: string, view: string): string {
    return `${this.epoch}:${this.projects.get(project) ?? 0}:${this.views.get(`${project}\u001f${view}`) ?? 0}`;
  }

  close(): void {
    this.subscribed = false;
    this.epoch++;
    this.subscriber.disconnect();
  }

  private subscribe(): void {
    const epoch = this.epoch;
    this.subscriber.subscribe(this.channel).then(
      () => {
        // A drop while subscribing leaves it down; the next "ready" subscribes again.
        if (this.epoch !== epoch || this.subscriber.status !== "ready") return;
        this.epoch++;
        this.subscribed = true;
      },
      () => undefined,
    );
  }
}
