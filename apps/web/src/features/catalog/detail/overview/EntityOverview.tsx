"use client";
import type { EntitySpec } from "@pantry/core/shared";
import { Dtype } from "@/components/ui/Badge";
import { Split } from "@/components/ui/Card";
import type { CatalogDetail } from "../../model";
import { useViewsUsing } from "../hooks";
import { ProvenanceCard, RelatedCard, TagsCard } from "./common";

export function EntityOverview({
  project,
  detail,
  spec,
}: {
  project: string;
  detail: CatalogDetail;
  spec: EntitySpec;
}) {
  const views = useViewsUsing(project, { entity: spec.name });
  return (
    <Split
      main={
        <>
          <ProvenanceCard
            detail={detail}
            extra={[
              [
                "Join key",
                <span key="k" className="mono">
                  {spec.joinKeys.join(", ")}
                </span>,
              ],
              [
                "Value type",
                spec.valueType ? (
                  <Dtype key="t" value={spec.valueType} />
                ) : (
                  <span key="t" className="muted">
                    not declared (imported registries often leave it unset; edit the entity to set it)
                  </span>
                ),
              ],
            ]}
          />
          <RelatedCard
            title="Feature views keyed by this entity"
            project={project}
            kind="featureView"
            names={views.data?.map((v) => v.name)}
            loading={views.isPending}
            empty="No feature view uses this entity yet."
          />
        </>
      }
      side={<TagsCard tags={spec.tags} />}
    />
  );
}
