"use client";
import { Link } from "@/components/ui/Link";
import { Notice } from "@/components/ui/States";
import { formatDateTime, formatRelative } from "@/lib/format";
import { isObjectKind } from "@/lib/kinds";
import { routes } from "@/lib/routes";
import { useLatestLifecycleEntry } from "./hooks";
import { type CurrentLifecycle, daysUntil, describeDaysUntil } from "./model";
import styles from "./lifecycle.module.css";

interface Props {
  project: string;
  /** An object kind, or "feature" (name and replacement = `view:feature`). */
  kind: string;
  name: string;
  current: CurrentLifecycle;
}

/** At the top of a deprecated (warning) or retired (error) object: why, what instead, until when, by whom. */
export function LifecycleBanner({ project, kind, name, current }: Props) {
  if (current.state === "active") return null;
  return <Banner project={project} kind={kind} name={name} current={current} />;
}

function Banner({ project, kind, name, current }: Props) {
  const entry = useLatestLifecycleEntry({ project, kind, view: name });
  const retired = current.state === "retired";
  const sunsetDays = current.sunsetAt ? daysUntil(current.sunsetAt) : null;
  return (
    <div className={styles.banner} data-lifecycle-banner={current.state}>
      <Notice tone={retired ? "danger" : "warning"}>
        <div className={styles.bannerTitle}>
          {retired ? "Retired: no longer served." : "Deprecated: still served, with a warning to its consumers."}
        </div>
        <dl className={styles.bannerFacts}>
          <dt>Reason</dt>
          <dd>{current.reason ?? <span className="muted">none given</span>}</dd>
          <dt>Replacement</dt>
          <dd>
            {current.replacement ? (
              <ReplacementLink project={project} kind={kind} name={current.replacement} />
            ) : (
              <span className="muted">none named</span>
            )}
          </dd>
          {current.sunsetAt && sunsetDays !== null ? (
            <>
              <dt>Sunset</dt>
              <dd>
                {formatDateTime(current.sunsetAt)} ({describeDaysUntil(sunsetDays)})
              </dd>
            </>
          ) : null}
          {entry.data ? (
            <>
              <dt>{retired ? "Retired by" : "Deprecated by"}</dt>
              <dd>
                {entry.data.actor},{" "}
                <span title={formatDateTime(entry.data.createdAt)}>{formatRelative(entry.data.createdAt)}</span>
                {" · "}
                <Link href={routes.audit(project)}>audit log</Link>
              </dd>
            </>
          ) : null}
          <dt>Notices</dt>
          <dd>
            <Link href={routes.deprecation(project, kind, name)}>
              who was notified, who acknowledged, who still reads it
            </Link>
          </dd>
        </dl>
      </Notice>
    </div>
  );
}

function ReplacementLink({ project, kind, name }: { project: string; kind: string; name: string }) {
  if (kind === "feature") {
    const [view = "", feature = ""] = name.split(":");
    return <Link href={routes.feature(project, view, feature)}>{name}</Link>;
  }
  return isObjectKind(kind) ? <Link href={routes.object(project, kind, name)}>{name}</Link> : <span>{name}</span>;
}
