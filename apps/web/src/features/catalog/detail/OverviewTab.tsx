"use client";
import type { CatalogDetail } from "../model";
import { DataSourceOverview } from "./overview/DataSourceOverview";
import { EntityOverview } from "./overview/EntityOverview";
import { FeatureServiceOverview } from "./overview/FeatureServiceOverview";
import { FeatureViewOverview } from "./overview/FeatureViewOverview";
import { OnDemandViewOverview } from "./overview/OnDemandViewOverview";

export function OverviewTab({ project, detail }: { project: string; detail: CatalogDetail }) {
  const spec = detail.spec;
  switch (spec.kind) {
    case "entity":
      return <EntityOverview project={project} detail={detail} spec={spec} />;
    case "dataSource":
      return <DataSourceOverview project={project} detail={detail} spec={spec} />;
    case "featureView":
      return <FeatureViewOverview project={project} detail={detail} spec={spec} />;
    case "onDemandFeatureView":
      return <OnDemandViewOverview project={project} detail={detail} spec={spec} />;
    case "featureService":
      return <FeatureServiceOverview project={project} detail={detail} spec={spec} />;
  }
}
