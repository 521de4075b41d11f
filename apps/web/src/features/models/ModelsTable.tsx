"use client";
/** Models in a table: what they read, how much, and whether anything they read is stale or deprecated. */
import { Badge } from "@/components/ui/Badge";
import { DataTable } from "@/components/ui/DataTable";
import { Link } from "@/components/ui/Link";
import { formatCount, formatDateTime, formatRelative } from "@/lib/format";
import { routes } from "@/lib/routes";
import type { ModelSummary } from "./model";

export function AttentionBadges({ model }: { model: Pick<ModelSummary, "staleViews" | "deprecatedFeatures"> }) {
  if (model.staleViews.length === 0 && model.deprecatedFeatures.length === 0) return <Badge tone="success">ok</Badge>;
  return (
    <span style={{ display: "inline-flex", gap: 6, flexWrap: "wrap" }}>
      {model.staleViews.length > 0 ? (
        <Badge tone="danger" title={`Stale: ${model.staleViews.join(", ")}`}>
          reads stale: {model.staleViews.join(", ")}
        </Badge>
      ) : null}
      {model.deprecatedFeatures.length > 0 ? (
        <Badge tone="warning" title={model.deprecatedFeatures.join(", ")}>
          reads {model.deprecatedFeatures.length} deprecated
        </Badge>
      ) : null}
    </span>
  );
}

export function ModelsTable({ models, showProject }: { models: readonly ModelSummary[]; showProject?: boolean }) {
  return (
    <DataTable
      caption="Models"
      rows={models}
      rowKey={(m) => `${m.project}\u0000${m.name}`}
      columns={[
        {
          key: "model",
          header: "Model",
          render: (m) => (
            <Link href={routes.model(m.project, m.name)} className="mono">
              {m.name}
            </Link>
          ),
        },
        ...(showProject
          ? [
              {
                key: "project",
                header: "Project",
                render: (m: ModelSummary) => <Link href={routes.project(m.project)}>{m.project}</Link>,
              },
            ]
          : []),
        {
          key: "via",
          header: "Known from",
          render: (m) =>
            m.via.includes("usage") && m.via.includes("tag")
              ? "usage + tags"
              : m.via.includes("usage")
                ? "usage"
                : "service tags",
        },
        {
          key: "services",
          header: "Services",
          render: (m) => m.services.join(", ") || <span className="muted">—</span>,
        },
        { key: "features", header: "Features", align: "right", render: (m) => formatCount(m.features) },
        { key: "requests", header: "Requests (30 d)", align: "right", render: (m) => formatCount(m.requests) },
        {
          key: "last",
          header: "Last seen",
          nowrap: true,
          render: (m) =>
            m.lastSeen ? (
              <span title={formatDateTime(m.lastSeen)}>{formatRelative(m.lastSeen)}</span>
            ) : (
              <span className="muted">never</span>
            ),
        },
        { key: "attention", header: "Attention", render: (m) => <AttentionBadges model={m} /> },
      ]}
    />
  );
}
