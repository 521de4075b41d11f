"use client";
import { TagList } from "@/components/ui/Badge";
import { ButtonLink } from "@/components/ui/Button";
import { Card, CardGrid, Properties } from "@/components/ui/Card";
import { Link } from "@/components/ui/Link";
import { Notice } from "@/components/ui/States";
import { formatCount, formatDateTime, formatRelative } from "@/lib/format";
import { routes } from "@/lib/routes";
import type { RouterOutputs } from "@/lib/trpc/types";
import styles from "./datasets.module.css";

export type SavedDataset = RouterOutputs["catalog"]["datasets"][number];

export function timeRange(d: Pick<SavedDataset, "minTs" | "maxTs">): string {
  return d.minTs ? `${formatDateTime(d.minTs)} → ${formatDateTime(d.maxTs)}` : "no rows";
}

interface Props {
  project: string;
  name: string;
  /** Undefined when the URL names a dataset the project does not have (deleted, mistyped). */
  dataset: SavedDataset | undefined;
}

/** One saved dataset in full: where it is, what it holds, every feature and column. */
export function DatasetDetail({ project, name, dataset }: Props) {
  const close = (
    <ButtonLink href={routes.datasets(project)} size="sm" variant="ghost">
      Close
    </ButtonLink>
  );
  if (!dataset) {
    return (
      <div className={styles.detail}>
        <Notice tone="warning">
          Saved dataset <strong>{name}</strong> is not in project {project}; it may have been deleted.{" "}
          <Link href={routes.datasets(project)}>Show all saved datasets</Link>
        </Notice>
      </div>
    );
  }
  return (
    <div className={styles.detail}>
      <Card title={dataset.name} actions={close}>
        <Properties
          items={[
            ["Location", <span key="location" className="mono">{`${dataset.location} (${dataset.format})`}</span>],
            ["Rows", formatCount(dataset.rows)],
            ["Event time range", timeRange(dataset)],
            [
              "Feature service",
              dataset.featureService ? (
                <Link key="service" href={routes.object(project, "featureService", dataset.featureService)}>
                  {dataset.featureService}
                </Link>
              ) : (
                <span key="service" className="muted">
                  none (feature refs)
                </span>
              ),
            ],
            [
              "Entity rows from",
              dataset.entitySource ? (
                <span key="entities" className="mono">
                  {dataset.entitySource}
                </span>
              ) : (
                <span key="entities" className="muted">
                  not recorded
                </span>
              ),
            ],
            ["Created", `${formatDateTime(dataset.createdAt)} (${formatRelative(dataset.createdAt)})`],
            ["Tags", <TagList key="tags" tags={dataset.tags} />],
          ]}
        />
      </Card>
      <CardGrid min={360}>
        <Card title="Features" count={dataset.features.length}>
          <FeatureRefs project={project} refs={dataset.features} />
        </Card>
        <Card title="Columns" count={dataset.columns.length}>
          <ol className={styles.list} aria-label={`Columns of ${dataset.name}`}>
            {dataset.columns.map((column) => (
              <li key={column} className="mono">
                {column}
              </li>
            ))}
          </ol>
        </Card>
      </CardGrid>
    </div>
  );
}

/** "view:feature" refs, each linked to its feature page. */
function FeatureRefs({ project, refs }: { project: string; refs: string[] }) {
  return (
    <ul className={styles.list} aria-label="Features">
      {refs.map((ref) => {
        const [view = "", feature = ""] = ref.split(":");
        return (
          <li key={ref}>
            <Link href={routes.feature(project, view, feature)} className="mono">
              {ref}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
