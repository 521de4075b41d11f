"use client";
import {
  entitySpecToForm,
  featureServiceSpecToForm,
  featureViewSpecToForm,
  fileSourceSpecToForm,
} from "@pantry/api/schemas";
import { ButtonLink } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState, ErrorState, Skeleton } from "@/components/ui/States";
import { KINDS, type ObjectKind } from "@/lib/kinds";
import { type CatalogDetail, useCatalogObject } from "@/lib/queries/catalog";
import { routes } from "@/lib/routes";
import { DataSourceForm } from "./forms/DataSourceForm";
import { EntityForm } from "./forms/EntityForm";
import { FeatureServiceForm } from "./forms/FeatureServiceForm";
import { FeatureViewForm } from "./forms/FeatureViewForm";

export function EditObjectView({ project, kind, name }: { project: string; kind: ObjectKind; name: string }) {
  const detail = useCatalogObject(project, kind, name);
  return (
    <>
      <PageHeader kind={kind} eyebrow={`Edit ${KINDS[kind].label.toLowerCase()}`} title={name} />
      {detail.error ? (
        <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />
      ) : !detail.data ? (
        <Skeleton height={320} />
      ) : detail.data.summary.origin === "code" ? (
        <DefinedInCode project={project} kind={kind} name={name} />
      ) : (
        <EditForm project={project} detail={detail.data} />
      )}
    </>
  );
}

/** Objects from a feature repo are changed in its code: the next `pantry apply` would undo a console edit. */
function DefinedInCode({ project, kind, name }: { project: string; kind: ObjectKind; name: string }) {
  return (
    <Card>
      <EmptyState
        icon="code"
        title="Defined in code"
        actions={
          <>
            <ButtonLink href={routes.object(project, kind, name, { tab: "definition" })} variant="primary">
              See its definition
            </ButtonLink>
            <ButtonLink href={routes.object(project, kind, name)}>Back</ButtonLink>
          </>
        }
      >
        {name} comes from the project&apos;s feature repo, so the next <code>pantry apply</code> would overwrite an edit
        made here. Change it in the repo&apos;s definitions and run <code>pantry apply</code>; the console shows the new
        version right away.
      </EmptyState>
    </Card>
  );
}

/** The form opens at the object's current version; saving after someone else did is a conflict (see edit.ts). */
function EditForm({ project, detail }: { project: string; detail: CatalogDetail }) {
  const spec = detail.spec;
  switch (spec.kind) {
    case "entity":
      return (
        <EntityForm
          project={project}
          intent="update"
          baseVersion={detail.summary.version}
          initial={entitySpecToForm(spec)}
          deletable
        />
      );
    case "dataSource":
      return spec.type === "file" ? (
        <DataSourceForm
          project={project}
          intent="update"
          baseVersion={detail.summary.version}
          initial={fileSourceSpecToForm(spec)}
          deletable
        />
      ) : (
        <EmptyState icon="dataSource" title={`${spec.type} sources are edited in code`} />
      );
    case "featureView":
      return (
        <FeatureViewForm
          project={project}
          intent="update"
          baseVersion={detail.summary.version}
          initial={featureViewSpecToForm(spec)}
          deletable
        />
      );
    case "featureService":
      return (
        <FeatureServiceForm
          project={project}
          intent="update"
          baseVersion={detail.summary.version}
          initial={featureServiceSpecToForm(spec)}
          deletable
        />
      );
    case "onDemandFeatureView":
      return <EmptyState icon="onDemandFeatureView" title="On-demand views are edited in code" />;
  }
}
