"use client";
import { Card } from "@/components/ui/Card";
import { CodeBlock } from "@/components/ui/CodeBlock";
import type { CatalogDetail } from "../model";

export function DefinitionTab({ detail }: { detail: CatalogDetail }) {
  return (
    <Card title="As TypeScript (SDK)">
      <p className="muted" style={{ marginBottom: 12 }}>
        The definition as you would write it in a feature repo with <code>@pantry/sdk</code>. Paste it into a
        repo&apos;s definitions file and run <code>pantry apply</code> to manage this object from code.
      </p>
      <CodeBlock code={detail.code} label={`Definition of ${detail.summary.name}`} />
    </Card>
  );
}
