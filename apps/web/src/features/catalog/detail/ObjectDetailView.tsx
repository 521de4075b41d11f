"use client";
import { Badge } from "@/components/ui/Badge";
import { GuardedButtonLink } from "@/components/auth/Guarded";
import { ButtonLink } from "@/components/ui/Button";
import { Icon } from "@/components/ui/Icon";
import { PageHeader } from "@/components/ui/PageHeader";
import { ErrorState, Skeleton } from "@/components/ui/States";
import { TabLinks } from "@/components/ui/Tabs";
import { formatDateTime } from "@/lib/format";
import { KINDS, type ObjectKind } from "@/lib/kinds";
import { routes } from "@/lib/routes";
import { useUrlState } from "@/lib/url-state";
import { LifecycleAction } from "@/features/lifecycle/LifecycleAction";
import { LifecycleBanner } from "@/features/lifecycle/LifecycleBanner";
import { currentLifecycle } from "@/features/lifecycle/model";
import { LineageView } from "@/features/lineage/LineageView";
import { type CatalogDetail, lifecycleTone, ORIGIN_LABELS } from "../model";
import { DefinitionTab, PythonSourcePanel } from "./DefinitionTab";
import { useCatalogObject } from "@/lib/queries/catalog";
import { OverviewTab } from "./OverviewTab";
import { SampleRowsTab } from "./SampleRowsTab";
import { activeTab, type DetailTab, tabsFor } from "./tabs";
import { VersionsTab } from "./VersionsTab";

interface Props {
  project: string;
  kind: ObjectKind;
  name: string;
}

export function ObjectDetailView({ project, kind, name }: Props) {
  const url = useUrlState();
  const tab = activeTab(kind, url.get("tab"));
  const detail = useCatalogObject(project, kind, name);
  const meta = KINDS[kind];

  return (
    <>
      <PageHeader
        kind={kind}
        eyebrow={meta.label}
        title={name}
        badges={detail.data ? <HeaderBadges detail={detail.data} /> : null}
        subtitle={
          detail.data ? (
            detail.data.summary.description || <span className="muted">No description.</span>
          ) : detail.isPending ? (
            <Skeleton width={360} />
          ) : null
        }
        actions={detail.data ? <HeaderActions project={project} kind={kind} name={name} detail={detail.data} /> : null}
      />
      {detail.data ? (
        <LifecycleBanner project={project} kind={kind} name={name} current={currentLifecycle(detail.data)} />
      ) : null}
      {detail.error ? null : (
        <TabLinks
          label={`${name} sections`}
          active={tab}
          tabs={tabsFor(kind).map((t) => ({
            id: t.id,
            label: t.label,
            href: routes.object(project, kind, name, t.id === "overview" ? {} : { tab: t.id }),
          }))}
        />
      )}
      {detail.error ? (
        <ErrorState
          error={detail.error}
          onRetry={() => void detail.refetch()}
          actions={
            <>
              <ButtonLink href={routes.list(project, kind)} size="sm">
                All {meta.plural.toLowerCase()}
              </ButtonLink>
              <ButtonLink href={routes.search({ q: name })} size="sm" variant="ghost">
                Search for “{name}”
              </ButtonLink>
            </>
          }
        />
      ) : (
        <TabContent tab={tab} project={project} kind={kind} name={name} detail={detail.data} />
      )}
    </>
  );
}

/** Only file sources have a form; other source types are edited in code. */
function isEditableSpec(detail: CatalogDetail): boolean {
  return detail.spec.kind !== "dataSource" || detail.spec.type === "file";
}

function HeaderActions({ project, kind, name, detail }: Props & { detail: CatalogDetail }) {
  const fromCode = detail.summary.origin === "code";
  return (
    <>
      {detail.spec.kind === "dataSource" && detail.spec.type !== "request" ? (
        <GuardedButtonLink
          action="edit"
          href={`${routes.create(project, "featureView")}?source=${encodeURIComponent(name)}`}
        >
          <Icon name="plus" size={15} /> Feature view from this source
        </GuardedButtonLink>
      ) : null}
      {detail.spec.kind === "featureView" && detail.spec.online ? (
        <GuardedButtonLink action="materialize" href={routes.jobs(project, { materialize: name })}>
          <Icon name="jobs" size={15} /> Materialize
        </GuardedButtonLink>
      ) : null}
      <LifecycleAction project={project} kind={kind} name={name} current={currentLifecycle(detail)} />
      <ButtonLink href={routes.object(project, kind, name, { tab: "lineage" })}>
        <Icon name="lineage" size={15} /> Lineage
      </ButtonLink>
      {KINDS[kind].editable && isEditableSpec(detail) ? (
        fromCode ? (
          <ButtonLink href={routes.edit(project, kind, name)} variant="ghost">
            <Icon name="code" size={15} /> {detail.pythonSource ? "Defined in Python" : "Defined in code"}
          </ButtonLink>
        ) : (
          <GuardedButtonLink action="edit" href={routes.edit(project, kind, name)} variant="primary">
            <Icon name="edit" size={15} /> Edit
          </GuardedButtonLink>
        )
      ) : null}
    </>
  );
}

function HeaderBadges({ detail }: { detail: CatalogDetail }) {
  const { summary } = detail;
  return (
    <>
      <Badge title={`Version ${summary.version}, updated ${formatDateTime(summary.updatedAt)}`}>
        v{summary.version}
      </Badge>
      {summary.lifecycle !== "active" ? (
        <Badge tone={lifecycleTone(summary.lifecycle)}>{summary.lifecycle}</Badge>
      ) : null}
      {summary.origin !== "code" ? (
        <Badge tone="accent">{ORIGIN_LABELS[summary.origin] ?? summary.origin}</Badge>
      ) : detail.pythonSource ? (
        <Badge tone="accent" title={`${detail.pythonSource.file}, line ${detail.pythonSource.line}`}>
          Python
        </Badge>
      ) : null}
    </>
  );
}

interface TabContentProps extends Props {
  tab: DetailTab;
  detail: CatalogDetail | undefined;
}

function TabContent({ tab, project, kind, name, detail }: TabContentProps) {
  switch (tab) {
    case "lineage":
      return <LineageView project={project} focus={{ kind, name }} />;
    case "versions":
      return <VersionsTab project={project} kind={kind} name={name} />;
    case "sample":
      return <SampleRowsTab project={project} detail={detail} />;
    case "definition":
      return detail ? <DefinitionTab detail={detail} /> : <Skeleton height={240} />;
    case "overview":
      return detail ? (
        <>
          <OverviewTab project={project} detail={detail} />
          {detail.pythonSource ? <PythonSourcePanel python={detail.pythonSource} name={name} /> : null}
        </>
      ) : (
        <Skeleton height={320} />
      );
  }
}
