"use client";
import type { Dtype } from "@pantry/core/shared";
import { DTYPE_OPTIONS } from "@pantry/api/schemas";
import type { TFeatureViewForm } from "@pantry/api/schemas";
import { Button } from "@/components/ui/Button";
import { SelectInput, TextInput } from "@/components/ui/Form";
import { Icon } from "@/components/ui/Icon";
import { type ProposedColumn, ROLE_NOTES } from "../feature-columns";
import type { FieldErrors } from "@/lib/forms/use-zod-form";
import styles from "../edit.module.css";

type FeatureRow = TFeatureViewForm["features"][number];

interface PickerProps {
  columns: ProposedColumn[];
  features: FeatureRow[];
  onChange: (features: FeatureRow[]) => void;
  errors: FieldErrors;
}

/** The source's columns as rows to tick; a ticked column becomes a feature with the proposed dtype. */
export function FeatureColumnsPicker({ columns, features, onChange, errors }: PickerProps) {
  const indexOf = new Map(features.map((f, i) => [f.name, i]));
  const toggle = (column: ProposedColumn, on: boolean) =>
    onChange(
      on
        ? [...features, { name: column.name, dtype: column.proposedDtype, description: "" }]
        : features.filter((f) => f.name !== column.name),
    );
  const update = (name: string, patch: Partial<FeatureRow>) =>
    onChange(features.map((f) => (f.name === name ? { ...f, ...patch } : f)));
  const selectable = columns.filter((c) => c.role === "feature");
  const invalid = Boolean(errors.features);

  return (
    <div>
      <div className={styles.inline} style={{ marginBottom: 8 }}>
        <Button
          size="sm"
          onClick={() =>
            onChange([
              ...features,
              ...selectable
                .filter((c) => !indexOf.has(c.name))
                .map((c) => ({ name: c.name, dtype: c.proposedDtype, description: "" })),
            ])
          }
        >
          Select all {selectable.length} feature columns
        </Button>
        <Button size="sm" variant="ghost" onClick={() => onChange([])} disabled={features.length === 0}>
          Clear
        </Button>
        <span className="muted" style={{ fontSize: 13 }}>
          {features.length} picked
        </span>
      </div>
      <div className={styles.tableWrap}>
        <table className={styles.columns}>
          <caption className="visually-hidden">Columns of the source; tick the ones that are features</caption>
          <thead>
            <tr>
              <th scope="col" style={{ width: 40 }}>
                <span className="visually-hidden">Use as feature</span>
              </th>
              <th scope="col">Column</th>
              <th scope="col" style={{ width: 190 }}>
                Type
              </th>
              <th scope="col">Description</th>
            </tr>
          </thead>
          <tbody>
            {columns.map((column, position) => {
              const index = indexOf.get(column.name);
              const picked = index !== undefined;
              const feature = picked ? features[index] : undefined;
              const dtypeError = picked ? errors[`features.${index}.dtype`] : undefined;
              return (
                <tr key={column.name} className={picked ? undefined : styles.off}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Use ${column.name} as a feature`}
                      checked={picked}
                      aria-invalid={invalid && position === 0 ? true : undefined}
                      aria-describedby={invalid ? "fv-features-error" : undefined}
                      onChange={(event) => toggle(column, event.target.checked)}
                    />
                  </td>
                  <td>
                    <span className="mono">{column.name}</span>
                    {column.role !== "feature" ? <div className={styles.role}>{ROLE_NOTES[column.role]}</div> : null}
                  </td>
                  <td>
                    {feature ? (
                      <SelectInput
                        small
                        aria-label={`Type of ${column.name}`}
                        value={feature.dtype}
                        aria-invalid={dtypeError ? true : undefined}
                        onChange={(event) => update(column.name, { dtype: event.target.value as Dtype })}
                      >
                        {DTYPE_OPTIONS.map((d) => (
                          <option key={d} value={d}>
                            {d}
                          </option>
                        ))}
                      </SelectInput>
                    ) : (
                      <span className="mono muted" title={`In the file: ${column.rawType}`}>
                        {column.dtype ?? column.rawType}
                      </span>
                    )}
                  </td>
                  <td>
                    {feature ? (
                      <TextInput
                        small
                        aria-label={`Description of ${column.name}`}
                        placeholder="What it measures"
                        value={feature.description}
                        onChange={(event) => update(column.name, { description: event.target.value })}
                      />
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** For sources whose columns cannot be read (request, Postgres): features typed in by hand. */
export function ManualFeatureRows({ features, onChange, errors }: Omit<PickerProps, "columns">) {
  const update = (index: number, patch: Partial<FeatureRow>) =>
    onChange(features.map((f, i) => (i === index ? { ...f, ...patch } : f)));
  return (
    <div className={styles.rows}>
      {features.map((feature, index) => (
        <div
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their position
          key={index}
          className={styles.row}
          style={{ gridTemplateColumns: "minmax(0,1fr) 180px minmax(0,1.4fr) auto" }}
        >
          <TextInput
            aria-label={`Feature ${index + 1} name`}
            placeholder="name"
            value={feature.name}
            aria-invalid={errors[`features.${index}.name`] ? true : undefined}
            onChange={(event) => update(index, { name: event.target.value })}
          />
          <SelectInput
            aria-label={`Feature ${index + 1} type`}
            value={feature.dtype}
            onChange={(event) => update(index, { dtype: event.target.value as Dtype })}
          >
            {DTYPE_OPTIONS.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </SelectInput>
          <TextInput
            aria-label={`Feature ${index + 1} description`}
            placeholder="description"
            value={feature.description}
            onChange={(event) => update(index, { description: event.target.value })}
          />
          <button
            type="button"
            className={styles.iconButton}
            aria-label={`Remove feature ${index + 1}`}
            onClick={() => onChange(features.filter((_, i) => i !== index))}
          >
            <Icon name="trash" size={15} />
          </button>
          {errors[`features.${index}.name`] ? (
            <div className={styles.rowError} style={{ color: "var(--danger)", fontSize: 12.5 }}>
              {errors[`features.${index}.name`]}
            </div>
          ) : null}
        </div>
      ))}
      <div>
        <Button
          size="sm"
          variant="ghost"
          onClick={() => onChange([...features, { name: "", dtype: "Float64", description: "" }])}
        >
          <Icon name="plus" size={14} /> Add a feature
        </Button>
      </div>
    </div>
  );
}
