"use client";
import { Link } from "@/components/ui/Link";
import { Notice } from "@/components/ui/States";
import { formatDateTime, formatRelative } from "@/lib/format";
import type { ObjectKind } from "@/lib/kinds";
import { routes } from "@/lib/routes";
import { useLatestLifecycleEntry } from "./hooks";
import { type CurrentLifecycle, daysUntil, describeDaysUntil } from "./model";
import styles from "./lifecycle.module.css";

interface Props {
  project: string;
  kind: ObjectKind;
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
              <Link href={routes.object(project, kind, current.replacement)}>{current.replacement}</Link>
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
        </dl>
      </Notice>
    </div>
  );
}
