"use client";
import { type DragEvent, useState } from "react";
import { Badge } from "@/components/ui/Badge";
import { GuardedButton } from "@/components/auth/Guarded";
import { ButtonLink } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { Field, SelectInput } from "@/components/ui/Form";
import { Icon } from "@/components/ui/Icon";
import { PageHeader } from "@/components/ui/PageHeader";
import { ErrorState, Notice } from "@/components/ui/States";
import { useProjectNames } from "@/lib/queries/projects";
import { formatCount } from "@/lib/format";
import { routes } from "@/lib/routes";
import { useImportFeast } from "./use-import-feast";
import styles from "./import.module.css";

export function ImportFeastView() {
  const projects = useProjectNames();
  const [into, setInto] = useState("");
  const [dragging, setDragging] = useState(false);
  const importer = useImportFeast();
  const { mutation } = importer;

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    importer.pick(event.dataTransfer.files[0] ?? null);
  };

  return (
    <>
      <PageHeader
        icon="upload"
        title="Import a Feast registry"
        subtitle="Bring the entities, sources, views and services of a Feast project (its registry.db file) into Pantry. Imported objects are marked as such."
      />
      <div style={{ display: "grid", gap: 16, maxWidth: 820 }}>
        <Card title="Registry file">
          <label
            className={`${styles.drop} ${dragging ? styles.dragging : ""}`}
            onDragOver={(event) => {
              event.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
          >
            <Icon name="upload" size={26} />
            <strong>{importer.file ? importer.file.name : "Drop registry.db here, or click to choose it"}</strong>
            <span className="muted">
              {importer.file
                ? `${formatCount(importer.file.size)} bytes`
                : "Feast's file registry (binary protobuf), usually data/registry.db in a Feast repo."}
            </span>
            <input
              type="file"
              aria-label="Feast registry file"
              onChange={(event) => importer.pick(event.target.files?.[0] ?? null)}
            />
          </label>
          <div style={{ display: "flex", gap: 12, alignItems: "flex-start", marginTop: 16, flexWrap: "wrap" }}>
            <div style={{ minWidth: 280 }}>
              <Field
                id="import-into"
                label="Into the registry of"
                hint="Projects keep Feast's names; this picks which registry database receives them."
              >
                <SelectInput id="import-into" value={into} onChange={(event) => setInto(event.target.value)}>
                  <option value="">The workspace&apos;s first registry</option>
                  {projects.map((p) => (
                    <option key={p} value={p}>
                      {p}
                    </option>
                  ))}
                </SelectInput>
              </Field>
            </div>
            <GuardedButton
              action="edit"
              variant="primary"
              disabled={!importer.file}
              busy={mutation.isPending}
              onClick={() => void importer.run(into)}
            >
              Import
            </GuardedButton>
          </div>
        </Card>
        {mutation.error ? <ErrorState error={mutation.error} /> : null}
        {mutation.data ? (
          <Card title="Imported">
            <Notice tone="success">
              The registry was read and applied. Entities keep their real value types where Feast recorded them.
            </Notice>
            <ul className={styles.result} style={{ marginTop: 12 }}>
              {mutation.data.projects.map((result) => (
                <li key={result.project} className={styles.resultRow}>
                  <strong>{result.project}</strong>
                  <Badge tone="success">{result.created} created</Badge>
                  <Badge tone="warning">{result.changed} changed</Badge>
                  <Badge tone="danger">{result.deleted} deleted</Badge>
                  <span style={{ flex: 1 }} />
                  <ButtonLink href={routes.project(result.project)} size="sm" variant="primary">
                    Open project
                  </ButtonLink>
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
      </div>
    </>
  );
}
