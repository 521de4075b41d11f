"use client";
import type { OnDemandFeatureViewSpec } from "@pantry/core/shared";
import { Link } from "@/components/ui/Link";
import { Badge } from "@/components/ui/Badge";
import { Card, Split } from "@/components/ui/Card";
import { CodeBlock } from "@/components/ui/CodeBlock";
import { routes } from "@/lib/routes";
import type { CatalogDetail } from "../../model";
import { SchemaTable } from "../SchemaTable";
import { ConsumersCard, ProvenanceCard, RelatedCard, TagsCard } from "./common";

export function OnDemandViewOverview({
  project,
  detail,
  spec,
}: {
  project: string;
  detail: CatalogDetail;
  spec: OnDemandFeatureViewSpec;
}) {
  const usedBy = detail.summary.kind === "onDemandFeatureView" ? detail.summary.usedBy : [];
  return (
    <Split
      main={
        <>
          <Card title="Computed features" count={spec.schema.length} flush>
            <SchemaTable project={project} view={spec.name} fields={spec.schema} />
          </Card>
          <Card title="Transformation" actions={<Badge>{spec.transformation?.language ?? spec.mode}</Badge>}>
            {spec.transformation ? (
              <CodeBlock
                code={spec.transformation.code}
                language={spec.transformation.language === "typescript" ? "typescript" : "text"}
                label="Transformation code"
              />
            ) : (
              <span className="muted">
                The transformation is not stored (imported from a Python registry); it cannot run here.
              </span>
            )}
          </Card>
          <ProvenanceCard detail={detail} />
        </>
      }
      side={
        <>
          <Card title="Inputs" count={spec.sources.length}>
            <ul style={{ margin: 0, paddingLeft: 18, display: "flex", flexDirection: "column", gap: 6 }}>
              {spec.sources.map((input) => (
                <li key={input.name}>
                  {input.type === "request" ? (
                    <>
                      <Link href={routes.object(project, "dataSource", input.name)}>{input.name}</Link>{" "}
                      <Badge>request</Badge>
                    </>
                  ) : (
                    <>
                      <Link href={routes.object(project, "featureView", input.name)}>{input.name}</Link>
                      {input.features ? <span className="muted mono"> ({input.features.join(", ")})</span> : null}
                    </>
                  )}
                </li>
              ))}
            </ul>
          </Card>
          <RelatedCard
            title="Used by feature services"
            project={project}
            kind="featureService"
            names={usedBy}
            empty="No service uses it yet."
          />
          <ConsumersCard consumers={detail.consumers} />
          <TagsCard tags={spec.tags} />
        </>
      }
    />
  );
}
