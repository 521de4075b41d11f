"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { ObjectKind } from "@/lib/kinds";
import { routes } from "@/lib/routes";
import { useTRPC } from "@/lib/trpc/client";
import { toActionableError } from "@/lib/trpc/errors";
import type { RouterInputs } from "@/lib/trpc/types";
import type { FieldErrors } from "@/lib/forms/use-zod-form";

export type EditInput = RouterInputs["edit"]["plan"];
type FormEdit = Extract<EditInput, { intent: "create" | "update" }>;
/** One object form's values, tagged with its kind. */
export type EditForm = FormEdit["form"];

interface EditFlowOptions {
  project: string;
  /** Where server-side field messages go (the form's own state). */
  onFieldErrors: (errors: FieldErrors) => void;
}

/**
 * Form -> plan -> apply. Submitting a valid form asks the server for the plan (nothing is written);
 * the plan is shown; Apply writes it and opens the object. Field errors found by the server send
 * the user back to the form with the messages next to the fields.
 */
export function useEditFlow({ project, onFieldErrors }: EditFlowOptions) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<EditInput | null>(null);

  const plan = useQuery({
    ...trpc.edit.plan.queryOptions(pending ?? dummyInput(project)),
    enabled: pending !== null,
    retry: false,
    staleTime: 0,
    gcTime: 0,
  });
  const apply = useMutation(
    trpc.edit.applyEdit.mutationOptions({
      onSuccess: async (_, input) => {
        await queryClient.invalidateQueries();
        router.push(afterApply(project, input));
      },
    }),
  );

  // A plan that fails on a field goes back to the form, where the message is shown next to it.
  useEffect(() => {
    if (!plan.error) return;
    const actionable = toActionableError(plan.error);
    if (Object.keys(actionable.fieldErrors).length > 0) {
      onFieldErrors(actionable.fieldErrors);
      setPending(null);
    }
  }, [plan.error, onFieldErrors]);

  return {
    pending,
    plan,
    apply,
    review: (input: EditInput) => {
      apply.reset();
      setPending(input);
    },
    back: () => setPending(null),
    confirm: () => pending && apply.mutate(pending),
  };
}

export type EditFlow = ReturnType<typeof useEditFlow>;

function dummyInput(project: string): EditInput {
  return { intent: "delete", project, kind: "entity", name: "_" };
}

function afterApply(project: string, input: EditInput): string {
  if (input.intent === "delete") return routes.list(project, input.kind);
  const kind: ObjectKind = input.form.kind;
  return routes.object(project, kind, input.form.values.name);
}
