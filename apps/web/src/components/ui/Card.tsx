"use client";
import { type CSSProperties, type ReactNode, useId } from "react";
import styles from "./card.module.css";

interface CardProps {
  title?: ReactNode;
  count?: number;
  actions?: ReactNode;
  /** No body padding: for tables that run edge to edge. */
  flush?: boolean;
  children: ReactNode;
  id?: string;
}

export function Card({ title, count, actions, flush = false, children, id }: CardProps) {
  const generatedId = useId();
  const headingId = title !== undefined ? `${id ?? generatedId}-title` : undefined;
  return (
    <section className={styles.card} aria-labelledby={headingId} id={id}>
      {title !== undefined || actions ? (
        <header className={styles.header}>
          <h2 className={styles.title} id={headingId}>
            {title}
            {count !== undefined ? <span className={styles.count}>{count}</span> : null}
          </h2>
          {actions}
        </header>
      ) : null}
      <div className={flush ? styles.flush : styles.body}>{children}</div>
    </section>
  );
}

export function CardGrid({ min = 280, children }: { min?: number; children: ReactNode }) {
  return (
    <div className={styles.grid} style={{ "--min": `${min}px` } as CSSProperties}>
      {children}
    </div>
  );
}

/** Main column plus a side column (details on the right), collapsing on narrow screens. */
export function Split({ main, side }: { main: ReactNode; side: ReactNode }) {
  return (
    <div className={styles.split}>
      <div className={styles.stack}>{main}</div>
      <div className={styles.stack}>{side}</div>
    </div>
  );
}

export function Properties({ items }: { items: [label: string, value: ReactNode][] }) {
  return (
    <dl className={styles.props}>
      {items.map(([label, value]) => (
        <div key={label} style={{ display: "contents" }}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
