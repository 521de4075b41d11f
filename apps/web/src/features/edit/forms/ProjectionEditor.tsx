"use client";
import type { TFeatureServiceForm } from "@pantry/api/schemas";
import { Button } from "@/components/ui/Button";
import { Checkbox, Field, TextInput } from "@/components/ui/Form";
import { Icon } from "@/components/ui/Icon";
import { Skeleton } from "@/components/ui/States";
import { useViewFeatures } from "../hooks";
import { mappingRows, PairRowsEditor } from "../TagsEditor";
import type { FieldErrors } from "@/lib/forms/use-zod-form";
import styles from "../edit.module.css";

type Projection = TFeatureServiceForm["projections"][number];

interface ProjectionEditorProps {
  project: string;
  index: number;
  projection: Projection;
  onChange: (projection: Projection) => void;
  onRemove: () => void;
  errors: FieldErrors;
}

/** One view in a service: which of its features, under which alias, with which join-key mapping. */
export function ProjectionEditor({ project, index, projection, onChange, onRemove, errors }: ProjectionEditorProps) {
  const features = useViewFeatures(project, projection.view);
  const path = `projections.${index}`;
  const featureError = errors[`${path}.features`];
  const aliasError = errors[`${path}.alias`];
  const toggle = (name: string, on: boolean) =>
    onChange({
      ...projection,
      features: on ? [...projection.features, name] : projection.features.filter((f) => f !== name),
    });
  const all = features.data?.items.map((f) => f.name) ?? [];

  return (
    <div className={styles.projection} data-testid={`projection-${projection.view}`}>
      <div className={styles.projectionHead}>
        <strong>
          <span style={{ color: "var(--kind-view)", marginRight: 6 }}>
            <Icon name="featureView" size={14} />
          </span>
          {projection.view}
        </strong>
        <div className={styles.inline}>
          <Button size="sm" variant="ghost" onClick={() => onChange({ ...projection, features: all })}>
            All
          </Button>
          <Button size="sm" variant="ghost" onClick={() => onChange({ ...projection, features: [] })}>
            None
          </Button>
          <button
            type="button"
            className={styles.iconButton}
            aria-label={`Remove ${projection.view}`}
            onClick={onRemove}
          >
            <Icon name="trash" size={15} />
          </button>
        </div>
      </div>
      {features.isPending ? (
        <Skeleton height={28} />
      ) : (
        <fieldset style={{ border: "none", margin: 0, padding: 0 }}>
          <legend className="visually-hidden">Features of {projection.view}</legend>
          <div className={styles.featureChecks}>
            {(features.data?.items ?? []).map((feature) => (
              <Checkbox
                key={feature.name}
                label={
                  <span>
                    <span className="mono">{feature.name}</span> <span className="muted">{feature.dtype}</span>
                  </span>
                }
                checked={projection.features.includes(feature.name)}
                aria-invalid={featureError ? true : undefined}
                onChange={(event) => toggle(feature.name, event.target.checked)}
              />
            ))}
          </div>
        </fieldset>
      )}
      {featureError ? <div style={{ color: "var(--danger)", fontSize: 12.5 }}>{featureError}</div> : null}
      <Field
        id={`${path}-alias`}
        label="Alias"
        error={aliasError}
        hint="Optional: serve the features under another prefix, to use one view twice."
      >
        <TextInput
          id={`${path}-alias`}
          value={projection.alias ?? ""}
          placeholder={projection.view}
          aria-invalid={aliasError ? true : undefined}
          onChange={(event) => onChange({ ...projection, alias: event.target.value || null })}
          style={{ maxWidth: 320 }}
        />
      </Field>
      <details>
        <summary style={{ cursor: "pointer", fontSize: 13, color: "var(--text-2)" }}>
          Join key mapping (optional)
        </summary>
        <div style={{ marginTop: 8 }}>
          <PairRowsEditor
            id={`${path}-keys`}
            rows={mappingRows.toEditor(projection.joinKeyMap)}
            onChange={(rows) => onChange({ ...projection, joinKeyMap: mappingRows.fromEditor(rows) })}
            errors={errors}
            path={`${path}.joinKeyMap`}
            keyLabel="View join key"
            valueLabel="Entity-table column"
            addLabel="Map a join key"
          />
        </div>
      </details>
    </div>
  );
}
