"use client";
/** A project's models (`/projects/<p>/models`) and every project's (`/models`). */
import { useQuery } from "@tanstack/react-query";
import { Card } from "@/components/ui/Card";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState, ErrorState, Notice, SkeletonRows } from "@/components/ui/States";
import { useTRPC } from "@/lib/trpc/client";
import { ModelsTable } from "./ModelsTable";

function NoModels() {
  return (
    <EmptyState icon="model" title="No models yet">
      A model appears here once it reads features online (send <code>x-pantry-consumer: &lt;model&gt;</code> with{" "}
      <code>POST /get-online-features</code>, or pass <code>consumer</code> to the SDK) or once a feature service names
      it in its tags (<code>tags: {'{ model: "fraud_v2" }'}</code>).
    </EmptyState>
  );
}

export function ModelsView({ project }: { project: string }) {
  const trpc = useTRPC();
  const models = useQuery(trpc.models.list.queryOptions({ project }));
  const attention = models.data?.filter((m) => m.attention).length ?? 0;
  return (
    <>
      <PageHeader
        icon="model"
        eyebrow={project}
        title="Models"
        subtitle="The consumers of this project's features: what they read, how fresh it is, and what is deprecated."
      />
      {models.error ? (
        <ErrorState error={models.error} onRetry={() => void models.refetch()} />
      ) : !models.data ? (
        <Card title="Models">
          <div role="status" aria-busy="true" aria-label="Loading models">
            <SkeletonRows columns={7} />
          </div>
        </Card>
      ) : models.data.length === 0 ? (
        <Card>
          <NoModels />
        </Card>
      ) : (
        <>
          {attention > 0 ? (
            <Notice tone="warning">
              {attention} of {models.data.length} models read something stale or deprecated.
            </Notice>
          ) : null}
          <Card title="Models" count={models.data.length} flush>
            <ModelsTable models={models.data} />
          </Card>
        </>
      )}
    </>
  );
}

export function AllModelsView() {
  const trpc = useTRPC();
  const all = useQuery(trpc.models.all.queryOptions());
  return (
    <>
      <PageHeader
        icon="model"
        title="All models"
        subtitle="Every project's models, those reading something stale or deprecated first."
      />
      {all.error ? (
        <ErrorState error={all.error} onRetry={() => void all.refetch()} />
      ) : !all.data ? (
        <Card title="Models">
          <div role="status" aria-busy="true" aria-label="Loading models">
            <SkeletonRows columns={8} />
          </div>
        </Card>
      ) : (
        <>
          {all.data.problems.map((p) => (
            <Notice key={p.project} tone="warning">
              Project {p.project}: {p.message}
            </Notice>
          ))}
          {all.data.models.length === 0 ? (
            <Card>
              <NoModels />
            </Card>
          ) : (
            <Card title="Models" count={all.data.models.length} flush>
              <ModelsTable models={all.data.models} showProject />
            </Card>
          )}
        </>
      )}
    </>
  );
}
