"use client";
import { PageHeader } from "@/components/ui/PageHeader";
import { KINDS, type ObjectKind } from "@/lib/kinds";
import { useUrlState } from "@/lib/url-state";
import { DataSourceForm, EMPTY_FILE_SOURCE } from "./forms/DataSourceForm";
import { EMPTY_ENTITY, EntityForm } from "./forms/EntityForm";
import { EMPTY_FEATURE_SERVICE, FeatureServiceForm } from "./forms/FeatureServiceForm";
import { EMPTY_FEATURE_VIEW, FeatureViewForm } from "./forms/FeatureViewForm";

const INTROS: Partial<Record<ObjectKind, string>> = {
  entity: "An entity is what features describe and are looked up by: a driver, a customer, a zone.",
  dataSource:
    "Register a Parquet or CSV file. The path is checked and its columns and types are read before anything is saved.",
  featureView:
    "Pick a source, the entities it is keyed by and the columns that are features. You will see the plan before anything is written.",
  featureService: "A feature service is the set of features one model reads: pick views and the features of each.",
};

export function CreateObjectView({ project, kind }: { project: string; kind: ObjectKind }) {
  const url = useUrlState();
  return (
    <>
      <PageHeader
        kind={kind}
        eyebrow={project}
        title={`New ${KINDS[kind].label.toLowerCase()}`}
        subtitle={INTROS[kind]}
      />
      <CreateForm project={project} kind={kind} source={url.get("source") ?? ""} />
    </>
  );
}

function CreateForm({ project, kind, source }: { project: string; kind: ObjectKind; source: string }) {
  switch (kind) {
    case "entity":
      return <EntityForm project={project} intent="create" initial={EMPTY_ENTITY} />;
    case "dataSource":
      return <DataSourceForm project={project} intent="create" initial={EMPTY_FILE_SOURCE} />;
    case "featureView":
      return <FeatureViewForm project={project} intent="create" initial={{ ...EMPTY_FEATURE_VIEW, source }} />;
    case "featureService":
      return <FeatureServiceForm project={project} intent="create" initial={EMPTY_FEATURE_SERVICE} />;
    case "onDemandFeatureView":
      return null;
  }
}
