"use client";
import { Link } from "@/components/ui/Link";
import type { CSSProperties } from "react";
import { Badge } from "@/components/ui/Badge";
import { Icon } from "@/components/ui/Icon";
import { describeValue } from "@/lib/describe-value";
import { KINDS } from "@/lib/kinds";
import { routes } from "@/lib/routes";
import type { RouterOutputs } from "@/lib/trpc/types";
import styles from "./plan.module.css";
import { specFacts } from "./spec-summary";

export type Plan = RouterOutputs["edit"]["plan"];
type PlanItem = Plan["items"][number];

const ACTION_STYLE: Record<
  string,
  { label: string; tone: "success" | "warning" | "danger" | "neutral"; color: string }
> = {
  create: { label: "create", tone: "success", color: "var(--success)" },
  update: { label: "change", tone: "warning", color: "var(--warning)" },
  delete: { label: "delete", tone: "danger", color: "var(--danger)" },
};

/** What an edit will do: creates, changes and deletes; destructive ones in red with the services they affect. */
export function PlanView({ project, plan }: { project: string; plan: Plan }) {
  const shown = plan.items.filter((item) => item.action in ACTION_STYLE);
  const destructive = shown.filter((item) => item.destructive).length;
  return (
    <div data-testid="plan">
      <div className={styles.summary} aria-live="polite">
        <Badge tone="success">{plan.counts.create} to create</Badge>
        <Badge tone="warning">{plan.counts.update} to change</Badge>
        <Badge tone="danger">{plan.counts.delete} to delete</Badge>
        {plan.counts.unchanged ? <span className="muted">{plan.counts.unchanged} unchanged</span> : null}
        {destructive ? (
          <strong style={{ color: "var(--danger)" }}>
            {destructive} destructive {destructive === 1 ? "change" : "changes"}: read before applying
          </strong>
        ) : null}
      </div>
      {shown.length === 0 ? (
        <p className="muted" style={{ marginTop: 12 }}>
          Nothing would change: the registry already holds exactly this.
        </p>
      ) : (
        <ul className={styles.items} style={{ marginTop: 12 }}>
          {shown.map((item) => (
            <PlanItemRow key={`${item.kind}:${item.name}`} project={project} item={item} />
          ))}
        </ul>
      )}
    </div>
  );
}

function PlanItemRow({ project, item }: { project: string; item: PlanItem }) {
  const action = ACTION_STYLE[item.action] ?? { label: item.action, tone: "neutral" as const, color: "var(--border)" };
  return (
    <li
      className={`${styles.item} ${item.destructive ? styles.destructive : ""}`}
      style={{ "--action": action.color } as CSSProperties}
      data-action={item.action}
      data-destructive={item.destructive || undefined}
    >
      <div className={styles.itemHead}>
        <Badge tone={action.tone}>{action.label}</Badge>
        <span style={{ color: KINDS[item.kind].color }}>
          <Icon name={item.kind} size={15} />
        </span>
        <span className="muted">{KINDS[item.kind].label}</span>
        <span className={styles.itemName}>{item.name}</span>
        {item.destructive ? (
          <Badge tone="danger">
            <Icon name="alert" size={12} /> destructive
          </Badge>
        ) : null}
      </div>
      {item.action === "create" ? (
        <ul className={styles.changes} aria-label={`What ${item.name} will be`}>
          {specFacts(item.spec).map((fact) => (
            <li key={fact} className={styles.after}>
              + {fact}
            </li>
          ))}
        </ul>
      ) : null}
      {item.changes.length ? (
        <ul className={styles.changes} aria-label={`Changes to ${item.name}`}>
          {item.changes.map((change) => (
            <li key={change.path}>
              {change.path}:{" "}
              {change.before === undefined ? null : <span className={styles.before}>{show(change.before)}</span>}
              {change.before !== undefined && change.after !== undefined ? " → " : " "}
              {change.after === undefined ? (
                <em className="muted">removed</em>
              ) : (
                <span className={styles.after}>{show(change.after)}</span>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {item.notes.length && item.action !== "create" ? (
        <div className={styles.notes}>{item.notes.join("; ")}</div>
      ) : null}
      {item.affectedServices.length ? (
        <div className={styles.affected}>
          <Icon name="featureService" size={14} /> Affects services:{" "}
          {item.affectedServices.map((service) => (
            <Link key={service} href={routes.object(project, "featureService", service)}>
              {service}
            </Link>
          ))}
        </div>
      ) : null}
    </li>
  );
}

function show(value: unknown): string {
  const text = describeValue(value);
  return text.length > 140 ? `${text.slice(0, 137)}…` : text;
}
