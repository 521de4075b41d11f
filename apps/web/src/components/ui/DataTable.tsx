import type { ReactNode } from "react";
import styles from "./table.module.css";

export interface Column<Row> {
  key: string;
  header: ReactNode;
  render: (row: Row) => ReactNode;
  align?: "left" | "right";
  nowrap?: boolean;
  width?: string;
}

interface DataTableProps<Row> {
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** Read by screen readers: what the table lists. */
  caption: string;
  footer?: ReactNode;
}

export function DataTable<Row>({ columns, rows, rowKey, caption, footer }: DataTableProps<Row>) {
  return (
    <>
      <div className={styles.wrap}>
        <table className={styles.table}>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th
                  key={column.key}
                  scope="col"
                  className={column.align === "right" ? styles.right : undefined}
                  style={column.width ? { width: column.width } : undefined}
                >
                  {column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((column) => (
                  <td
                    key={column.key}
                    className={[column.align === "right" ? styles.right : "", column.nowrap ? styles.nowrap : ""].join(
                      " ",
                    )}
                  >
                    {column.render(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {footer ? <div className={styles.footer}>{footer}</div> : null}
    </>
  );
}

/** The first cell of a row: the name (usually a link) with its description under it. */
export function NameCell({ name, description }: { name: ReactNode; description?: string }) {
  return (
    <div>
      <div className={styles.primaryCell}>{name}</div>
      {description ? <div className={styles.sub}>{description}</div> : null}
    </div>
  );
}
