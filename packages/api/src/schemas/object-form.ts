/** Any of the console's object forms, tagged with its kind: what edit.plan and edit.apply take. */
import type { RegistryObjectSpec } from "@pantry/core/shared";
import { z } from "zod";
import { fileSourceFormToSpec, ZFileSourceFormSchema } from "./data-source";
import { entityFormToSpec, ZEntityFormSchema } from "./entity";
import { featureServiceFormToSpec, ZFeatureServiceFormSchema } from "./feature-service";
import { featureViewFormToSpec, ZFeatureViewFormSchema } from "./feature-view";

export const ZObjectFormSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("entity"), values: ZEntityFormSchema }),
  z.object({ kind: z.literal("dataSource"), values: ZFileSourceFormSchema }),
  z.object({ kind: z.literal("featureView"), values: ZFeatureViewFormSchema }),
  z.object({ kind: z.literal("featureService"), values: ZFeatureServiceFormSchema }),
]);

export type TObjectForm = z.infer<typeof ZObjectFormSchema>;
export type TObjectFormInput = z.input<typeof ZObjectFormSchema>;

export function objectFormToSpec(form: TObjectForm): RegistryObjectSpec {
  switch (form.kind) {
    case "entity":
      return entityFormToSpec(form.values);
    case "dataSource":
      return fileSourceFormToSpec(form.values);
    case "featureView":
      return featureViewFormToSpec(form.values);
    case "featureService":
      return featureServiceFormToSpec(form.values);
  }
}
