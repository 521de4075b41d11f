"use client";
import { Link } from "@/components/ui/Link";
import { Dtype } from "@/components/ui/Badge";
import { Card } from "@/components/ui/Card";
import { Icon } from "@/components/ui/Icon";
import { routes } from "@/lib/routes";
import { useAllOfKind } from "@/lib/queries/catalog";

/** Entities with their join keys and real value types (Feast shows INVALID here). */
export function EntitiesCard({ project, names }: { project: string; names: string[] }) {
  const entities = useAllOfKind(project, "entity");
  const byName = new Map(entities.data?.map((e) => [e.name, e]) ?? []);
  return (
    <Card title="Entities" count={names.length}>
      {names.length === 0 ? (
        <span className="muted">Entityless: one row of values for everybody.</span>
      ) : (
        <ul style={{ listStyle: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: 10 }}>
          {names.map((name) => {
            const entity = byName.get(name);
            return (
              <li key={name} style={{ display: "flex", gap: 8, alignItems: "center", flexWrap: "wrap" }}>
                <span style={{ color: "var(--kind-entity)" }}>
                  <Icon name="entity" size={15} />
                </span>
                <Link href={routes.object(project, "entity", name)}>{name}</Link>
                {entity ? (
                  <>
                    <span className="mono muted">{entity.joinKeys.join(", ")}</span>
                    {entity.valueType ? (
                      <Dtype value={entity.valueType} />
                    ) : (
                      <span className="muted">type not set</span>
                    )}
                  </>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
