import { Link } from "@/components/ui/Link";
import type { ReactNode } from "react";
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

interface TagListProps {
  tags: Record<string, string>;
  empty?: string;
  /** Show at most this many (tables), with "+n" for the rest. */
  max?: number;
}

export function TagList({ tags, empty = "No tags", max }: TagListProps) {
  const entries = Object.entries(tags);
  if (entries.length === 0) return <span className="muted">{empty}</span>;
  const shown = max === undefined ? entries : entries.slice(0, max);
  const hidden = entries.slice(shown.length);
  return (
    <div className={styles.tagList}>
      {shown.map(([name, value]) => (
        <TagChip key={name} name={name} value={value} />
      ))}
      {hidden.length ? (
        <span className="muted" style={{ fontSize: 12 }} title={hidden.map(([k, v]) => `${k}: ${v}`).join(", ")}>
          +{hidden.length}
        </span>
      ) : null}
    </div>
  );
}

export function Dtype({ value }: { value: string }) {
  return <span className={styles.dtype}>{value}</span>;
}
