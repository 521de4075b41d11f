"use client";
import { Button } from "@/components/ui/Button";
import { TextInput } from "@/components/ui/Form";
import { Icon } from "@/components/ui/Icon";
import styles from "./edit.module.css";
import type { FieldErrors } from "@/lib/forms/use-zod-form";

export interface PairRow {
  key: string;
  value: string;
}

interface PairRowsEditorProps {
  id: string;
  rows: PairRow[];
  onChange: (rows: PairRow[]) => void;
  errors: FieldErrors;
  /** Error path prefix, e.g. "tags" (errors at tags.0.key). */
  path: string;
  keyLabel: string;
  valueLabel: string;
  addLabel: string;
}

/** Editable key/value rows: tags, field mappings, join-key maps. */
export function PairRowsEditor({
  id,
  rows,
  onChange,
  errors,
  path,
  keyLabel,
  valueLabel,
  addLabel,
}: PairRowsEditorProps) {
  const update = (index: number, patch: Partial<PairRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <div className={styles.rows}>
      {rows.map((row, index) => {
        const keyError = errors[`${path}.${index}.key`] ?? errors[`${path}.${index}.from`];
        const valueError = errors[`${path}.${index}.value`] ?? errors[`${path}.${index}.to`];
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their position
          <div className={styles.row} key={index}>
            <TextInput
              aria-label={`${keyLabel} ${index + 1}`}
              id={`${id}-${index}-key`}
              placeholder={keyLabel}
              value={row.key}
              aria-invalid={keyError ? true : undefined}
              onChange={(event) => update(index, { key: event.target.value })}
            />
            <TextInput
              aria-label={`${valueLabel} ${index + 1}`}
              placeholder={valueLabel}
              value={row.value}
              aria-invalid={valueError ? true : undefined}
              onChange={(event) => update(index, { value: event.target.value })}
            />
            <button
              type="button"
              className={styles.iconButton}
              aria-label={`Remove row ${index + 1}`}
              onClick={() => onChange(rows.filter((_, i) => i !== index))}
            >
              <Icon name="trash" size={15} />
            </button>
            {keyError || valueError ? (
              <div
                className={`${styles.rowError} muted`}
                style={{ color: "var(--danger)", fontSize: 12.5 }}
                role="alert"
              >
                {keyError ?? valueError}
              </div>
            ) : null}
          </div>
        );
      })}
      <div>
        <Button size="sm" variant="ghost" onClick={() => onChange([...rows, { key: "", value: "" }])}>
          <Icon name="plus" size={14} /> {addLabel}
        </Button>
      </div>
    </div>
  );
}

/** Converts between the schemas' {from, to} rows and the editor's {key, value} rows. */
export const mappingRows = {
  toEditor: (rows: { from: string; to: string }[]): PairRow[] => rows.map((r) => ({ key: r.from, value: r.to })),
  fromEditor: (rows: PairRow[]): { from: string; to: string }[] => rows.map((r) => ({ from: r.key, to: r.value })),
};
