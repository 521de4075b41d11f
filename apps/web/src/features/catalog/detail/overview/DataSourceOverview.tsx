"use client";
import type { DataSourceSpec } from "@pantry/core/shared";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/Badge";
import { Card, Split } from "@/components/ui/Card";
import { DataTable } from "@/components/ui/DataTable";
import type { CatalogDetail } from "../../model";
import { useOnDemandViewsReading, useViewsUsing } from "../hooks";
import { SchemaTable } from "../SchemaTable";
import { ProvenanceCard, RelatedCard, TagsCard } from "./common";

function locationFacts(spec: DataSourceSpec): [string, ReactNode][] {
  switch (spec.type) {
    case "file":
      return [
        [
          "Path",
          <span key="p" className="mono">
            {spec.path}
          </span>,
        ],
        ["Format", spec.format],
      ];
    case "postgres":
      return spec.table
        ? [
            [
              "Table",
              <span key="t" className="mono">
                {spec.table}
              </span>,
            ],
          ]
        : [
            [
              "Query",
              <span key="q" className="mono">
                {spec.query}
              </span>,
            ],
          ];
    case "push":
      return [["Batch source", spec.batchSource ?? "—"]];
    case "request":
      return [];
  }
}

export function DataSourceOverview({
  project,
  detail,
  spec,
}: {
  project: string;
  detail: CatalogDetail;
  spec: DataSourceSpec;
}) {
  const views = useViewsUsing(project, { source: spec.name });
  const odfvs = useOnDemandViewsReading(project, spec.name);
  const mapping = Object.entries(spec.fieldMapping);
  return (
    <Split
      main={
        <>
          <ProvenanceCard
            detail={detail}
            extra={[
              ["Type", <Badge key="ty">{spec.type}</Badge>],
              ...locationFacts(spec),
              ...(spec.type !== "request"
                ? ([
                    [
                      "Event timestamp",
                      <span key="ts" className="mono">
                        {spec.timestampField || "—"}
                      </span>,
                    ],
                    [
                      "Created timestamp",
                      <span key="cts" className="mono">
                        {spec.createdTimestampColumn ?? "—"}
                      </span>,
                    ],
                  ] as [string, ReactNode][])
                : []),
            ]}
          />
          {spec.type === "request" ? (
            <Card title="Request fields" count={spec.schema.length} flush>
              <SchemaTable project={project} view={null} fields={spec.schema} />
            </Card>
          ) : null}
          {mapping.length ? (
            <Card title="Field mapping" flush>
              <DataTable
                caption="Source columns renamed on read"
                rows={mapping}
                rowKey={([from]) => from}
                columns={[
                  { key: "from", header: "Source column", render: ([from]) => <span className="mono">{from}</span> },
                  { key: "to", header: "Read as", render: ([, to]) => <span className="mono">{to}</span> },
                ]}
              />
            </Card>
          ) : null}
        </>
      }
      side={
        <>
          <RelatedCard
            title="Feature views reading it"
            project={project}
            kind="featureView"
            names={views.data?.map((v) => v.name)}
            loading={views.isPending}
            empty="No feature view reads this source yet."
          />
          {spec.type === "request" ? (
            <RelatedCard
              title="On-demand views using it"
              project={project}
              kind="onDemandFeatureView"
              names={odfvs.data?.map((v) => v.name)}
              loading={odfvs.isPending}
              empty="No on-demand view reads these fields."
            />
          ) : null}
          <TagsCard tags={spec.tags} />
        </>
      }
    />
  );
}
