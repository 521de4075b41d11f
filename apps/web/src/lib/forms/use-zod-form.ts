"use client";
/**
 * Form state validated by the same Zod schema the server uses: nothing is checked until the first
 * submit, then every change re-validates, so messages appear and clear next to their fields.
 * Server-side field errors (a file that does not exist, a name that is taken) are merged in until
 * the field changes.
 */
import { useCallback, useMemo, useState } from "react";

interface Issue {
  path: readonly PropertyKey[];
  message: string;
}

export interface SafeParser {
  safeParse(data: unknown): { success: true } | { success: false; error: { issues: readonly Issue[] } };
}

export type FieldErrors = Record<string, string>;

/** The keys of T whose values are strings: what a text input or a select edits. */
type TextKey<T> = { [K in keyof T]-?: T[K] extends string ? K : never }[keyof T];

export function issuesToFieldErrors(issues: readonly Issue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join(".") || "_form";
    errors[path] ??= issue.message;
  }
  return errors;
}

function validate(schema: SafeParser, values: unknown): FieldErrors {
  const result = schema.safeParse(values);
  return result.success ? {} : issuesToFieldErrors(result.error.issues);
}

export function useZodForm<T extends object>(schema: SafeParser, initial: T) {
  const [values, setValues] = useState<T>(initial);
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});

  const clientErrors = useMemo(() => (submitted ? validate(schema, values) : {}), [schema, submitted, values]);
  const errors = useMemo(() => ({ ...serverErrors, ...clientErrors }), [serverErrors, clientErrors]);

  const set = useCallback(<K extends keyof T>(key: K, value: T[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    // A server message about this field is stale once the field changes.
    setServerErrors((current) =>
      Object.fromEntries(Object.entries(current).filter(([path]) => path.split(".")[0] !== String(key))),
    );
  }, []);

  const patch = useCallback((partial: Partial<T>) => {
    setValues((current) => ({ ...current, ...partial }));
    const keys = new Set(Object.keys(partial));
    setServerErrors((current) =>
      Object.fromEntries(Object.entries(current).filter(([path]) => !keys.has(path.split(".")[0] ?? ""))),
    );
  }, []);

  /** Validates everything; returns the values when valid, null (and shows the messages) when not. */
  const submit = useCallback((): T | null => {
    setSubmitted(true);
    const found = validate(schema, values);
    if (Object.keys(found).length > 0) {
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return null;
    }
    return values;
  }, [schema, values]);

  /** Value, message and change handler of one text field: `<TextField id=... label=... {...form.field("name")} />`. */
  const field = <K extends TextKey<T>>(key: K) => ({
    value: values[key] as string,
    error: errors[String(key)],
    onChange: (value: string) => set(key, value as T[K]),
  });

  return {
    values,
    set,
    patch,
    setValues,
    errors,
    field,
    submit,
    submitted,
    setServerErrors,
    reset: () => setValues(initial),
  };
}

export type ZodForm<T extends object> = ReturnType<typeof useZodForm<T>>;
