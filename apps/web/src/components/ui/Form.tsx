import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { describedBy } from "@/lib/forms/described-by";
import { Icon } from "./Icon";
import styles from "./form.module.css";

interface FieldProps {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  required?: boolean;
  children: ReactNode;
}

/** A labelled control with its hint and its field-level error, wired with aria attributes by id. */
export function Field({ id, label, hint, error, required, children }: FieldProps) {
  return (
    <div className={styles.field}>
      <label htmlFor={id} className={styles.label}>
        {label}
        {required ? (
          <span className={styles.required} aria-hidden>
            *
          </span>
        ) : null}
      </label>
      {children}
      {hint && !error ? (
        <div className={styles.hint} id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <div className={styles.error} id={`${id}-error`} data-field-error={id}>
          <Icon name="alert" size={14} />
          <span>{error}</span>
        </div>
      ) : null}
    </div>
  );
}

export function TextInput({ small, className, ...props }: InputHTMLAttributes<HTMLInputElement> & { small?: boolean }) {
  return <input className={`${styles.control} ${small ? styles.sm : ""} ${className ?? ""}`} {...props} />;
}

interface FieldOwnProps {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  required?: boolean;
  value: string;
  onChange: (value: string) => void;
}

type TextFieldProps = FieldOwnProps &
  Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "value" | "onChange" | "required">;

/** One text input with its label, hint and error, wired by id (lib/forms/described-by). */
export function TextField({ id, label, hint, error, required, value, onChange, ...input }: TextFieldProps) {
  return (
    <Field id={id} label={label} hint={hint} error={error} required={required}>
      <TextInput
        {...describedBy(id, error, hint !== undefined)}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        {...input}
      />
    </Field>
  );
}

type SelectFieldProps = FieldOwnProps &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "value" | "onChange" | "required"> & { children: ReactNode };

/** One select with its label, hint and error; the options are its children. */
export function SelectField({
  id,
  label,
  hint,
  error,
  required,
  value,
  onChange,
  children,
  ...select
}: SelectFieldProps) {
  return (
    <Field id={id} label={label} hint={hint} error={error} required={required}>
      <SelectInput
        {...describedBy(id, error, hint !== undefined)}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        {...select}
      >
        {children}
      </SelectInput>
    </Field>
  );
}

export function TextArea(props: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea className={styles.control} {...props} />;
}

export function SelectInput({
  small,
  className,
  ...props
}: SelectHTMLAttributes<HTMLSelectElement> & { small?: boolean }) {
  return <select className={`${styles.control} ${small ? styles.sm : ""} ${className ?? ""}`} {...props} />;
}

export function Checkbox({ label, ...props }: InputHTMLAttributes<HTMLInputElement> & { label: ReactNode }) {
  return (
    <label className={styles.check}>
      <input type="checkbox" {...props} />
      {label}
    </label>
  );
}

export function FieldRow({ children }: { children: ReactNode }) {
  return <div className={styles.row}>{children}</div>;
}

export function Fieldset({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className={styles.fieldset}>
      <legend className={styles.legend}>{legend}</legend>
      {children}
    </fieldset>
  );
}

export function ErrorSummary({ errors }: { errors: [path: string, message: string][] }) {
  if (errors.length === 0) return null;
  return (
    <div className={styles.errorSummary} role="alert">
      <strong>
        {errors.length === 1 ? "1 field needs attention" : `${errors.length} fields need attention`}; nothing was
        written.
      </strong>
      <ul>
        {errors.map(([path, message]) => (
          <li key={path}>{message}</li>
        ))}
      </ul>
    </div>
  );
}
