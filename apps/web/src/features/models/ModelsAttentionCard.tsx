"use client";
/** At a glance: which models read something stale or deprecated (one project's, or every project's). */
import { useQuery } from "@tanstack/react-query";
import { Card } from "@/components/ui/Card";
import { Link } from "@/components/ui/Link";
import { Skeleton } from "@/components/ui/States";
import { routes } from "@/lib/routes";
import { useTRPC } from "@/lib/trpc/client";
import type { ModelSummary } from "./model";
import { AttentionBadges } from "./ModelsTable";

function AttentionList({ models, showProject }: { models: ModelSummary[]; showProject?: boolean }) {
  const attention = models.filter((m) => m.attention);
  if (models.length === 0) return <span className="muted">No models read these features yet.</span>;
  if (attention.length === 0) {
    return <span className="muted">All {models.length} models read fresh, active features.</span>;
  }
  return (
    <ul style={{ margin: 0, padding: 0, listStyle: "none", display: "flex", flexDirection: "column", gap: 8 }}>
      {attention.map((m) => (
        <li key={`${m.project}:${m.name}`} style={{ display: "flex", flexDirection: "column", gap: 4 }}>
          <span>
            <Link href={routes.model(m.project, m.name)} className="mono">
              {m.name}
            </Link>
            {showProject ? <span className="muted"> in {m.project}</span> : null}
          </span>
          <AttentionBadges model={m} />
        </li>
      ))}
    </ul>
  );
}

export function ProjectModelsCard({ project }: { project: string }) {
  const trpc = useTRPC();
  const models = useQuery(trpc.models.list.queryOptions({ project }));
  return (
    <Card title="Models" count={models.data?.length} actions={<Link href={routes.models(project)}>All models</Link>}>
      {models.error ? (
        <span className="muted">{models.error.message}</span>
      ) : models.data ? (
        <AttentionList models={models.data} />
      ) : (
        <Skeleton height={60} />
      )}
    </Card>
  );
}

export function WorkspaceModelsCard() {
  const trpc = useTRPC();
  const all = useQuery(trpc.models.all.queryOptions());
  return (
    <Card title="Models needing attention" actions={<Link href={routes.allModels()}>All models</Link>}>
      {all.error ? (
        <span className="muted">{all.error.message}</span>
      ) : all.data ? (
        <AttentionList models={all.data.models} showProject />
      ) : (
        <Skeleton height={60} />
      )}
    </Card>
  );
}
