import { Link } from "@/components/ui/Link";
import { Dtype, TagList } from "@/components/ui/Badge";
import { DataTable } from "@/components/ui/DataTable";
import { routes } from "@/lib/routes";

interface Field {
  name: string;
  dtype: string;
  description: string;
  tags?: Record<string, string>;
}

/** A view's features with their types; each name opens the feature's page. */
export function SchemaTable({ project, view, fields }: { project: string; view: string | null; fields: Field[] }) {
  return (
    <DataTable
      caption={view ? `Features of ${view}` : "Fields"}
      rows={fields}
      rowKey={(f) => f.name}
      columns={[
        {
          key: "name",
          header: "Name",
          render: (f) =>
            view ? (
              <Link href={routes.feature(project, view, f.name)} className="mono">
                {f.name}
              </Link>
            ) : (
              <span className="mono">{f.name}</span>
            ),
        },
        { key: "dtype", header: "Type", render: (f) => <Dtype value={f.dtype} /> },
        { key: "description", header: "Description", render: (f) => f.description || <span className="muted">—</span> },
        ...(fields.some((f) => Object.keys(f.tags ?? {}).length > 0)
          ? [{ key: "tags", header: "Tags", render: (f: Field) => <TagList tags={f.tags ?? {}} empty="" /> }]
          : []),
      ]}
    />
  );
}
