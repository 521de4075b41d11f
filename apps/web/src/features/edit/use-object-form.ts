"use client";
/**
 * What every object form shares: its values checked by the kind's Zod schema, the edit flow
 * (form -> plan -> apply), the project's owners as suggestions, and the review that asks the server
 * for the plan of a valid form. A form component adds only its own fields (ObjectForm draws the rest).
 */
import { type FieldErrors, type SafeParser, useZodForm } from "@/lib/forms/use-zod-form";
import { useProjectOwners } from "@/lib/queries/projects";
import type { PairRow } from "./TagsEditor";
import { type EditFlow, type EditForm, useEditFlow } from "./use-edit-flow";

export type EditableKind = EditForm["kind"];
type ValuesOf<K extends EditableKind> = Extract<EditForm, { kind: K }>["values"];

/** The values every object form has: a name, and the description, owner and tags of CommonFields. */
export interface ObjectFormValues {
  name: string;
  description: string;
  owner: string;
  tags: PairRow[];
}

export interface ObjectFormProps<T> {
  project: string;
  intent: "create" | "update";
  initial: T;
  /** Offer Delete (edit page of an object created in the console). */
  deletable?: boolean;
  /** The version opened for editing: a save after someone else's is refused, not an overwrite. */
  baseVersion?: number;
}

/** What the ObjectForm shell reads from a form. */
export interface ObjectFormShell {
  project: string;
  kind: EditableKind;
  intent: "create" | "update";
  /** The object's name as it was opened (Cancel and Delete refer to it). */
  name: string;
  deletable: boolean;
  baseVersion?: number;
  flow: EditFlow;
  values: ObjectFormValues;
  errors: FieldErrors;
  patch: (partial: Partial<ObjectFormValues>) => void;
  owners: string[];
  review: () => void;
}

export function useObjectForm<K extends EditableKind, T extends ValuesOf<K> & ObjectFormValues>(
  kind: K,
  schema: SafeParser,
  { project, intent, initial, deletable = false, baseVersion }: ObjectFormProps<T>,
) {
  const form = useZodForm<T>(schema, initial);
  const flow = useEditFlow({ project, onFieldErrors: form.setServerErrors });
  const owners = useProjectOwners(project);
  const review = () => {
    const values = form.submit();
    if (!values) return;
    const formEdit = { kind, values } as EditForm;
    flow.review(
      intent === "update" ? { intent, project, form: formEdit, baseVersion } : { intent, project, form: formEdit },
    );
  };
  return { ...form, kind, project, intent, deletable, baseVersion, name: initial.name, flow, owners, review };
}
