"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { ErrorState, Skeleton } from "@/components/ui/States";
import { PlanView } from "@/features/edit/PlanView";
import type { ObjectKind } from "@/lib/kinds";
import { useTRPC } from "@/lib/trpc/client";

interface Props {
  project: string;
  kind: ObjectKind;
  name: string;
  version: number;
  onClose: () => void;
}

/** Restoring an older version: the plan first (what changes), then the write, as a new version. */
export function RestoreDialog({ project, kind, name, version, onClose }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const input = { project, kind, name, version };
  const plan = useQuery({ ...trpc.governance.restorePlan.queryOptions(input), staleTime: 0, retry: false });
  const restore = useMutation(
    trpc.governance.restore.mutationOptions({
      onSuccess: async () => {
        await Promise.all(
          [trpc.catalog, trpc.governance, trpc.lineage, trpc.search, trpc.projects].map((router) =>
            queryClient.invalidateQueries(router.pathFilter()),
          ),
        );
        onClose();
      },
    }),
  );
  const nothing = plan.data && !plan.data.hasChanges;
  return (
    <Dialog
      title={`Restore version ${version} of ${name}`}
      description="Its definition at that version becomes a new version; the history is kept."
      onClose={onClose}
    >
      {plan.error ? (
        <ErrorState error={plan.error} />
      ) : !plan.data ? (
        <Skeleton height={120} />
      ) : nothing ? (
        <p>The current definition is already the same as version {version}: nothing to restore.</p>
      ) : (
        <PlanView project={project} plan={plan.data} />
      )}
      {restore.error ? <ErrorState error={restore.error} /> : null}
      <div style={{ display: "flex", gap: 8, justifyContent: "flex-end", marginTop: 16 }}>
        <Button variant="ghost" onClick={onClose}>
          Cancel
        </Button>
        <Button
          variant="primary"
          disabled={!plan.data || Boolean(nothing) || restore.isSuccess}
          busy={restore.isPending}
          onClick={() => restore.mutate(input)}
        >
          Restore version {version}
        </Button>
      </div>
    </Dialog>
  );
}
