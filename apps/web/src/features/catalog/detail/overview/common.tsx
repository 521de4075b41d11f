"use client";
import { Link } from "@/components/ui/Link";
import type { ReactNode } from "react";
import { Badge, TagList } from "@/components/ui/Badge";
import { Card, Properties } from "@/components/ui/Card";
import { Icon } from "@/components/ui/Icon";
import { Skeleton } from "@/components/ui/States";
import { formatDateTime } from "@/lib/format";
import { KINDS, type ObjectKind } from "@/lib/kinds";
import { routes } from "@/lib/routes";
import { type CatalogDetail, ORIGIN_LABELS } from "../../model";

/** Owner, origin and dates: the facts every object has. */
export function ProvenanceCard({ detail, extra = [] }: { detail: CatalogDetail; extra?: [string, ReactNode][] }) {
  const { summary } = detail;
  return (
    <Card title="Details">
      <Properties
        items={[
          ...extra,
          [
            "Owner",
            summary.owner || (
              <span className="muted">
                no owner: set <code>owner</code> so people know whom to ask
              </span>
            ),
          ],
          ["Origin", <Badge key="o">{ORIGIN_LABELS[summary.origin] ?? summary.origin}</Badge>],
          ["Version", `v${summary.version}`],
          ["Created", formatDateTime(summary.createdAt)],
          ["Updated", formatDateTime(summary.updatedAt)],
        ]}
      />
    </Card>
  );
}

export function TagsCard({ tags }: { tags: Record<string, string> }) {
  return (
    <Card title="Tags">
      <TagList tags={tags} empty="No tags" />
    </Card>
  );
}

/** A card listing related objects as links, with an empty line that says so. */
export function RelatedCard({
  title,
  project,
  kind,
  names,
  empty,
  loading = false,
}: {
  title: string;
  project: string;
  kind: ObjectKind;
  names: string[] | undefined;
  empty: ReactNode;
  loading?: boolean;
}) {
  return (
    <Card title={title} count={names?.length}>
      {loading || !names ? (
        <Skeleton height={40} />
      ) : names.length === 0 ? (
        <span className="muted">{empty}</span>
      ) : (
        <ul style={{ listStyle: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: 8 }}>
          {names.map((name) => (
            <li key={name} style={{ display: "flex", gap: 8, alignItems: "center" }}>
              <span style={{ color: KINDS[kind].color }}>
                <Icon name={kind} size={15} />
              </span>
              <Link href={routes.object(project, kind, name)}>{name}</Link>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function ConsumersCard({ consumers }: { consumers: string[] }) {
  return (
    <Card title="Models" count={consumers.length}>
      {consumers.length === 0 ? (
        <span className="muted">
          No model named. Tag a feature service with <code>model: my_model</code> to show who consumes it.
        </span>
      ) : (
        <div style={{ display: "flex", gap: 6, flexWrap: "wrap" }}>
          {consumers.map((c) => (
            <Badge key={c}>
              <Icon name="model" size={12} /> {c}
            </Badge>
          ))}
        </div>
      )}
    </Card>
  );
}
