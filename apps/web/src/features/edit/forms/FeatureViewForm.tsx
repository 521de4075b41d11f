"use client";
import { type TFeatureViewForm, ZFeatureViewFormSchema } from "@pantry/api/schemas";
import { Link } from "@/components/ui/Link";
import { Dtype } from "@/components/ui/Badge";
import { Checkbox, FieldRow, Fieldset, SelectField, TextField } from "@/components/ui/Form";
import { Notice, Skeleton } from "@/components/ui/States";
import { useAllOfKind } from "@/lib/queries/catalog";
import { routes } from "@/lib/routes";
import { toActionableError } from "@/lib/trpc/errors";
import { NameField } from "../CommonFields";
import { useProposedColumns } from "../hooks";
import { ObjectForm } from "../ObjectForm";
import { type ObjectFormProps, useObjectForm } from "../use-object-form";
import { ExpectationsFields } from "./ExpectationsFields";
import { FeatureColumnsPicker, ManualFeatureRows } from "./FeatureColumnsPicker";
import styles from "../edit.module.css";

export const EMPTY_FEATURE_VIEW: TFeatureViewForm = {
  name: "",
  entities: [],
  source: "",
  features: [],
  ttl: "1d",
  online: true,
  description: "",
  owner: "",
  tags: [],
};

export function FeatureViewForm(props: ObjectFormProps<TFeatureViewForm>) {
  const form = useObjectForm("featureView", ZFeatureViewFormSchema, props);
  const { project, values, errors, set } = form;
  const entities = useAllOfKind(project, "entity");
  const source = useProposedColumns(project, values.source, values.entities);
  const columns = source.proposed;

  return (
    <ObjectForm form={form} idPrefix="fv">
      <Fieldset legend="Feature view">
        <FieldRow>
          <NameField form={form} id="fv-name" hint="Letters, digits and _, like driver_daily_stats." />
          <SelectField
            id="fv-source"
            label="Data source"
            required
            hint="Where the feature values are read from."
            value={values.source}
            error={errors.source}
            // Another source has other columns: the picked features no longer apply.
            onChange={(name) => form.patch({ source: name, features: [] })}
          >
            <option value="">{source.sources.isPending ? "Loading sources…" : "Pick a data source…"}</option>
            {(source.sources.data ?? []).map((s) => (
              <option key={s.name} value={s.name}>
                {s.name} ({s.sourceType}
                {s.location ? `: ${s.location}` : ""})
              </option>
            ))}
          </SelectField>
        </FieldRow>
        {source.sources.data && source.sources.data.length === 0 ? (
          <Notice tone="warning">
            This project has no data source yet.{" "}
            <Link href={routes.create(project, "dataSource")}>Register a file first</Link>.
          </Notice>
        ) : null}
      </Fieldset>

      <Fieldset legend="Entities">
        <p className="muted" style={{ marginTop: -6 }}>
          The keys the features are looked up by. Pick none for an entityless view (one row for everybody).
        </p>
        {entities.isPending ? (
          <Skeleton height={44} />
        ) : (
          <div className={styles.pickList}>
            {(entities.data ?? []).map((entity) => (
              <label key={entity.name} className={styles.pick}>
                <input
                  type="checkbox"
                  checked={values.entities.includes(entity.name)}
                  onChange={(event) =>
                    set(
                      "entities",
                      event.target.checked
                        ? [...values.entities, entity.name]
                        : values.entities.filter((e) => e !== entity.name),
                    )
                  }
                />
                <span>
                  <strong>{entity.name}</strong>
                  <div className={styles.pickSub}>
                    <span className="mono">{entity.joinKeys.join(", ")}</span>{" "}
                    {entity.valueType ? <Dtype value={entity.valueType} /> : null}
                  </div>
                </span>
              </label>
            ))}
          </div>
        )}
        {errors.entities ? <div style={{ color: "var(--danger)", fontSize: 12.5 }}>{errors.entities}</div> : null}
      </Fieldset>

      <Fieldset legend="Features">
        {!values.source ? (
          <span className="muted" id="fv-features-hint">
            Pick a data source to choose its columns as features.
          </span>
        ) : source.isFile ? (
          source.columns.error ? (
            <Notice tone="warning">
              Could not read the source file: {toActionableError(source.columns.error).message}
            </Notice>
          ) : !source.columns.data ? (
            <Skeleton height={160} />
          ) : (
            <FeatureColumnsPicker
              columns={columns}
              features={values.features}
              onChange={(features) => set("features", features)}
              errors={errors}
            />
          )
        ) : (
          <ManualFeatureRows
            features={values.features}
            onChange={(features) => set("features", features)}
            errors={errors}
          />
        )}
        {errors.features ? (
          <div
            id="fv-features-error"
            data-field-error="fv-features"
            style={{ color: "var(--danger)", fontSize: 12.5 }}
            role="alert"
          >
            {errors.features}
          </div>
        ) : null}
      </Fieldset>

      <Fieldset legend="Expectations">
        <ExpectationsFields
          features={values.features}
          onChange={(features) => set("features", features)}
          mode={values.onValidationFailure ?? "fail"}
          onModeChange={(mode) => set("onValidationFailure", mode === "warn" ? "warn" : undefined)}
          errors={errors}
        />
      </Fieldset>

      <Fieldset legend="Serving">
        <FieldRow>
          <TextField
            id="fv-ttl"
            label="TTL"
            hint='How long a value stays valid: "2h", "30d", "1w", or 0 for no limit.'
            {...form.field("ttl")}
          />
          <div style={{ display: "flex", alignItems: "center", paddingTop: 22 }}>
            <Checkbox
              label="Serve online (materialize to the online store)"
              checked={values.online}
              onChange={(event) => set("online", event.target.checked)}
            />
          </div>
        </FieldRow>
      </Fieldset>
    </ObjectForm>
  );
}
