"use client";
/**
 * Expectations per picked feature (checked before every materialization): not null, min, max,
 * allowed values (comma-separated), max null ratio; and what a failure does (fail the job or warn).
 */
import type { TFeatureViewForm, TValidationForm } from "@pantry/api/schemas";
import { Checkbox, SelectInput, TextInput } from "@/components/ui/Form";
import type { FieldErrors } from "@/lib/forms/use-zod-form";
import styles from "../edit.module.css";

type FeatureRow = TFeatureViewForm["features"][number];

const EMPTY: TValidationForm = { notNull: false, min: "", max: "", allowed: "", maxNullRatio: "" };

export function ExpectationsFields({
  features,
  onChange,
  mode,
  onModeChange,
  errors,
}: {
  features: FeatureRow[];
  onChange: (features: FeatureRow[]) => void;
  mode: "fail" | "warn";
  onModeChange: (mode: "fail" | "warn") => void;
  errors: FieldErrors;
}) {
  if (features.length === 0) return <span className="muted">Pick features first.</span>;
  const update = (index: number, patch: Partial<TValidationForm>) =>
    onChange(
      features.map((f, i) => (i === index ? { ...f, validation: { ...(f.validation ?? EMPTY), ...patch } } : f)),
    );
  const input = (index: number, key: "min" | "max" | "allowed" | "maxNullRatio", label: string, width: number) => {
    const error = errors[`features.${index}.validation.${key}`];
    return (
      <div>
        <TextInput
          aria-label={`${features[index]?.name} ${label}`}
          placeholder={label}
          value={features[index]?.validation?.[key] ?? ""}
          aria-invalid={error ? true : undefined}
          onChange={(event) => update(index, { [key]: event.target.value })}
          style={{ width }}
        />
        {error ? <div style={{ color: "var(--danger)", fontSize: 12.5 }}>{error}</div> : null}
      </div>
    );
  };
  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 8 }}>
      <label
        className="muted"
        style={{ fontSize: 13, display: "inline-flex", gap: 8, alignItems: "center" }}
        htmlFor="fv-on-failure"
      >
        When a rule fails
        <SelectInput
          id="fv-on-failure"
          small
          value={mode}
          onChange={(event) => onModeChange(event.target.value === "warn" ? "warn" : "fail")}
          style={{ width: 220 }}
        >
          <option value="fail">fail the job, write nothing</option>
          <option value="warn">warn and materialize</option>
        </SelectInput>
      </label>
      <div className={styles.tableWrap}>
        <table className={styles.columns}>
          <caption className="visually-hidden">Expectations per feature</caption>
          <thead>
            <tr>
              <th>Feature</th>
              <th>Not null</th>
              <th>Min</th>
              <th>Max</th>
              <th>Allowed values</th>
              <th>Max null ratio</th>
            </tr>
          </thead>
          <tbody>
            {features.map((feature, index) => (
              <tr key={feature.name}>
                <td className="mono">{feature.name}</td>
                <td>
                  <Checkbox
                    label=""
                    aria-label={`${feature.name} not null`}
                    checked={feature.validation?.notNull ?? false}
                    onChange={(event) => update(index, { notNull: event.target.checked })}
                  />
                </td>
                <td>{input(index, "min", "min", 90)}</td>
                <td>{input(index, "max", "max", 90)}</td>
                <td>{input(index, "allowed", "a, b, c", 180)}</td>
                <td>{input(index, "maxNullRatio", "0.05", 80)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
