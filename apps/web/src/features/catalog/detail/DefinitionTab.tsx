"use client";
import { Card } from "@/components/ui/Card";
import { CodeBlock } from "@/components/ui/CodeBlock";
import type { CatalogDetail } from "../model";

export function DefinitionTab({ detail }: { detail: CatalogDetail }) {
  const python = detail.pythonSource;
  return (
    <>
      {python ? <PythonSourcePanel python={python} name={detail.summary.name} /> : null}
      <Card title="As TypeScript (SDK)">
        <p className="muted" style={{ marginBottom: 12 }}>
          {python ? (
            <>
              The same object written with <code>@pantry/sdk</code>; <code>pantry convert-feast-repo</code> writes the
              whole repo this way.
            </>
          ) : (
            <>
              The definition as you would write it in a feature repo with <code>@pantry/sdk</code>. Paste it into a
              repo&apos;s definitions file and run <code>pantry apply</code> to manage this object from code.
            </>
          )}
        </p>
        <CodeBlock code={detail.code} label={`Definition of ${detail.summary.name}`} />
      </Card>
    </>
  );
}

/** A Feast repo's object: the Python that defines it, as written (Pantry reads it, never runs it). */
export function PythonSourcePanel({
  python,
  name,
}: {
  python: NonNullable<CatalogDetail["pythonSource"]>;
  name: string;
}) {
  return (
    <Card title={`Defined in Python: ${python.file}, line ${python.line}`}>
      <p className="muted" style={{ marginBottom: 12 }}>
        This project is a Feast repo: Pantry reads its <code>.py</code> files without running them. Change the Python
        and run <code>pantry apply</code>.
      </p>
      <CodeBlock code={python.code} language="text" label={`Python definition of ${name}`} />
    </Card>
  );
}
