"use client";
import { useQuery } from "@tanstack/react-query";
import { Link } from "@/components/ui/Link";
import { Badge } from "@/components/ui/Badge";
import { ButtonLink } from "@/components/ui/Button";
import { Card, Split } from "@/components/ui/Card";
import { WorkspaceModelsCard } from "@/features/models/ModelsAttentionCard";
import { Icon } from "@/components/ui/Icon";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState, ErrorState, Notice, Skeleton } from "@/components/ui/States";
import { formatRelative } from "@/lib/format";
import { routes } from "@/lib/routes";
import { useTRPC } from "@/lib/trpc/client";
import { CountTiles } from "./CountTiles";
import { type ProjectSummary, useProjects } from "@/lib/queries/projects";
import { OwnerBars } from "./OwnerBars";
import { RecentChanges } from "./RecentChanges";
import styles from "./overview.module.css";

export function ProjectsOverview() {
  const projects = useProjects();
  const trpc = useTRPC();
  const audit = useQuery(trpc.catalog.audit.queryOptions({ limit: 12 }));

  return (
    <>
      <PageHeader
        icon="projects"
        title="Projects"
        subtitle="Every feature repo in this workspace, one per model team. Open one to browse its catalog and lineage."
        actions={
          <ButtonLink href={routes.importFeast()}>
            <Icon name="upload" size={16} /> Import Feast registry
          </ButtonLink>
        }
      />
      {projects.data?.problems.length ? (
        <div style={{ marginBottom: 16 }}>
          <Notice tone="warning">
            <strong>Some repos could not be read.</strong>
            <ul style={{ margin: "4px 0 0", paddingLeft: 18 }}>
              {projects.data.problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </Notice>
        </div>
      ) : null}
      <Split
        main={
          projects.error ? (
            <ErrorState error={projects.error} onRetry={() => void projects.refetch()} />
          ) : !projects.data ? (
            <div className={styles.projects} role="status" aria-busy="true" aria-label="Loading projects">
              {[0, 1].map((i) => (
                <div key={i} className={styles.projectCard}>
                  <Skeleton width="40%" height={18} />
                  <Skeleton height={60} />
                  <Skeleton height={80} />
                </div>
              ))}
            </div>
          ) : projects.data.projects.length === 0 ? (
            <Card>
              <EmptyState icon="projects" title="No projects in this workspace yet">
                Create a feature repo with <code>pantry init my_project</code> inside the workspace folder and run{" "}
                <code>pantry apply</code> in it, or import a Feast registry file.
              </EmptyState>
            </Card>
          ) : (
            <div className={styles.projects}>
              {projects.data.projects.map((project) => (
                <ProjectCard key={project.name} project={project} />
              ))}
            </div>
          )
        }
        side={
          <>
            <WorkspaceModelsCard />
            <Card title="Recent changes">
              {audit.error ? (
                <ErrorState error={audit.error} />
              ) : audit.data ? (
                <RecentChanges entries={audit.data.items} showProject />
              ) : (
                <Skeleton height={160} />
              )}
            </Card>
          </>
        }
      />
    </>
  );
}

function ProjectCard({ project }: { project: ProjectSummary }) {
  return (
    <article className={styles.projectCard} aria-labelledby={`project-${project.name}`}>
      <div className={styles.projectHead}>
        <div style={{ minWidth: 0 }}>
          <Link href={routes.project(project.name)} className={styles.projectName} id={`project-${project.name}`}>
            {project.name}
          </Link>
          <div className={styles.projectDesc}>
            {project.description || (
              <>
                No description. Set <code>description</code> in the project&apos;s definitions.
              </>
            )}
          </div>
        </div>
        {project.applied ? null : (
          <Badge tone="warning" title="The repo exists but was never applied">
            not applied
          </Badge>
        )}
      </div>
      <CountTiles project={project.name} counts={project.counts} />
      <div className={styles.metaRow}>
        {project.consumers.length ? (
          <span>
            Models: <strong>{project.consumers.join(", ")}</strong>
          </span>
        ) : null}
        <span>
          Updated <strong>{formatRelative(project.updatedAt)}</strong>
        </span>
      </div>
      <div>
        <h3 style={{ fontSize: 12, color: "var(--text-muted)", marginBottom: 6 }}>Owners</h3>
        <OwnerBars owners={project.owners} limit={3} />
      </div>
      <div className={styles.footerLinks}>
        <ButtonLink href={routes.project(project.name)} size="sm" variant="primary">
          Open project
        </ButtonLink>
        <ButtonLink href={routes.features(project.name)} size="sm">
          Browse features
        </ButtonLink>
        <ButtonLink href={routes.lineage(project.name)} size="sm" variant="ghost">
          <Icon name="lineage" size={14} /> Lineage
        </ButtonLink>
      </div>
    </article>
  );
}
