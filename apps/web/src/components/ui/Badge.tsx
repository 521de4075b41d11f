import Link from "next/link";
import type { CSSProperties, ReactNode } from "react";
import { KINDS, type ObjectKind } from "@/lib/kinds";
import { routes } from "@/lib/routes";
import styles from "./badge.module.css";

type Tone = "neutral" | "accent" | "success" | "warning" | "danger";

export function Badge({ tone = "neutral", children, title }: { tone?: Tone; children: ReactNode; title?: string }) {
  const toneClass = tone === "neutral" ? "" : styles[tone];
  return (
    <span className={`${styles.badge} ${toneClass}`} title={title}>
      {children}
    </span>
  );
}

export function KindBadge({ kind, label }: { kind: ObjectKind; label?: string }) {
  const style = { "--kind": KINDS[kind].color } as CSSProperties;
  return (
    <span className={`${styles.badge} ${styles.kind}`} style={style}>
      <span className={styles.dot} aria-hidden />
      {label ?? KINDS[kind].label}
    </span>
  );
}

/** A key=value tag; links to the search page filtered by it. */
export function TagChip({ name, value, linked = true }: { name: string; value: string; linked?: boolean }) {
  const content = (
    <>
      <span className={styles.tagKey}>{name}</span>
      <span className={styles.tagValue}>{value}</span>
    </>
  );
  if (!linked) return <span className={styles.tag}>{content}</span>;
  return (
    <Link
      className={styles.tag}
      href={routes.search({ tag: `${name}:${value}` })}
      title={`Search everything tagged ${name}=${value}`}
    >
      {content}
    </Link>
  );
}

export function TagList({ tags, empty = "No tags" }: { tags: Record<string, string>; empty?: string }) {
  const entries = Object.entries(tags);
  if (entries.length === 0) return <span className="muted">{empty}</span>;
  return (
    <div className={styles.tagList}>
      {entries.map(([name, value]) => (
        <TagChip key={name} name={name} value={value} />
      ))}
    </div>
  );
}

export function Dtype({ value }: { value: string }) {
  return <span className={styles.dtype}>{value}</span>;
}
