import styles from "./overview.module.css";

/** Owners with how many objects each owns, as proportional bars. */
export function OwnerBars({ owners, limit = 5 }: { owners: { owner: string; objects: number }[]; limit?: number }) {
  if (owners.length === 0)
    return (
      <span className="muted">
        No owners recorded. Set <code>owner</code> on definitions.
      </span>
    );
  const max = Math.max(...owners.map((o) => o.objects));
  return (
    <div className={styles.owners}>
      {owners.slice(0, limit).map((o) => (
        <div key={o.owner} className={styles.ownerRow}>
          <span className={styles.ownerName} title={o.owner}>
            {o.owner}
          </span>
          <span className={styles.ownerBar} aria-hidden>
            <span style={{ width: `${(o.objects / max) * 100}%` }} />
          </span>
          <span className={styles.ownerCount}>{o.objects}</span>
        </div>
      ))}
      {owners.length > limit ? <span className="muted">and {owners.length - limit} more</span> : null}
    </div>
  );
}
