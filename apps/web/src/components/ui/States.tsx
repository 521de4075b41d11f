"use client";
import type { ReactNode } from "react";
import { toActionableError } from "@/lib/trpc/errors";
import { Button } from "./Button";
import { Icon, type IconName } from "./Icon";
import styles from "./states.module.css";

interface EmptyStateProps {
  icon?: IconName;
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
}

/** An empty list says why it is empty and what to do about it. */
export function EmptyState({ icon = "inbox", title, children, actions }: EmptyStateProps) {
  return (
    <div className={styles.empty} role="status">
      <div className={styles.emptyIcon} aria-hidden>
        <Icon name={icon} size={22} />
      </div>
      <div className={styles.emptyTitle}>{title}</div>
      {children ? <div className={styles.emptyBody}>{children}</div> : null}
      {actions ? <div className={styles.actions}>{actions}</div> : null}
    </div>
  );
}

/** Codes a retry cannot fix: the retry button is left out for them. */
const PERMANENT = new Set(["NOT_FOUND", "BAD_REQUEST", "CONFLICT", "PRECONDITION_FAILED"]);

interface ErrorStateProps {
  error: unknown;
  onRetry?: () => void;
  /** Ways out (a link to the list, a search). */
  actions?: ReactNode;
}

export function ErrorState({ error, onRetry, actions }: ErrorStateProps) {
  const actionable = toActionableError(error);
  const retry = onRetry && !(actionable.code && PERMANENT.has(actionable.code)) ? onRetry : undefined;
  return (
    <div className={styles.error} role="alert">
      <span className={styles.errorIcon} aria-hidden>
        <Icon name="alert" size={18} />
      </span>
      <div style={{ flex: 1, minWidth: 0 }}>
        <div className={styles.errorTitle}>{actionable.title}</div>
        <div className={styles.errorMessage}>{actionable.message}</div>
        {actionable.hint ? <div className={styles.errorHint}>{actionable.hint}</div> : null}
        {actionable.formErrors.length ? (
          <ul className={styles.errorHint}>
            {actionable.formErrors.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        ) : null}
        {actions ? (
          <div className={styles.actions} style={{ justifyContent: "flex-start" }}>
            {actions}
          </div>
        ) : null}
      </div>
      {retry ? (
        <Button size="sm" onClick={retry}>
          Retry
        </Button>
      ) : null}
    </div>
  );
}

export function Skeleton({ width = "100%", height = 14 }: { width?: number | string; height?: number }) {
  return <span className={styles.skeleton} style={{ width, height }} aria-hidden data-skeleton />;
}

/** Placeholder rows while a table loads; announced once to screen readers. */
export function SkeletonRows({ rows = 6, columns = 4 }: { rows?: number; columns?: number }) {
  return (
    <div className={styles.skeletonRows} role="status" aria-busy="true" aria-label="Loading">
      {Array.from({ length: rows }, (_, row) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
        <div className={styles.skeletonRow} key={row}>
          {Array.from({ length: columns }, (_, column) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
            <Skeleton key={column} width={column === 0 ? "28%" : `${14 + ((row + column) % 3) * 6}%`} />
          ))}
        </div>
      ))}
    </div>
  );
}

type NoticeTone = "info" | "warning" | "success" | "danger";

const NOTICE_TONES: Record<NoticeTone, { className: string | undefined; icon: IconName }> = {
  info: { className: "", icon: "info" },
  warning: { className: styles.noticeWarning, icon: "alert" },
  success: { className: styles.noticeSuccess, icon: "check" },
  danger: { className: styles.noticeDanger, icon: "alert" },
};

export function Notice({ tone = "info", children }: { tone?: NoticeTone; children: ReactNode }) {
  const { className, icon } = NOTICE_TONES[tone];
  const alerting = tone === "warning" || tone === "danger";
  return (
    <div className={`${styles.notice} ${className ?? ""}`} role={alerting ? "alert" : "status"}>
      <Icon name={icon} size={16} />
      <div>{children}</div>
    </div>
  );
}
