import { Link } from "@/components/ui/Link";
import type { CSSProperties } from "react";
import { Icon, type IconName } from "@/components/ui/Icon";
import { formatCount } from "@/lib/format";
import { KINDS } from "@/lib/kinds";
import { routes } from "@/lib/routes";
import type { ProjectSummary } from "@/lib/queries/projects";
import styles from "./overview.module.css";

interface Tile {
  label: string;
  value: number;
  href: string;
  icon: IconName;
  color: string;
}

export function countTiles(project: string, counts: ProjectSummary["counts"]): Tile[] {
  return [
    {
      label: "Feature views",
      value: counts.featureViews,
      href: routes.list(project, "featureView"),
      icon: "featureView",
      color: KINDS.featureView.color,
    },
    {
      label: "Features",
      value: counts.features,
      href: routes.features(project),
      icon: "feature",
      color: "var(--kind-feature)",
    },
    {
      label: "Services",
      value: counts.featureServices,
      href: routes.list(project, "featureService"),
      icon: "featureService",
      color: KINDS.featureService.color,
    },
    {
      label: "Entities",
      value: counts.entities,
      href: routes.list(project, "entity"),
      icon: "entity",
      color: KINDS.entity.color,
    },
    {
      label: "Data sources",
      value: counts.dataSources,
      href: routes.list(project, "dataSource"),
      icon: "dataSource",
      color: KINDS.dataSource.color,
    },
    {
      label: "On-demand",
      value: counts.onDemandFeatureViews,
      href: routes.list(project, "onDemandFeatureView"),
      icon: "onDemandFeatureView",
      color: KINDS.onDemandFeatureView.color,
    },
  ];
}

export function CountTiles({ project, counts }: { project: string; counts: ProjectSummary["counts"] }) {
  return (
    <div className={styles.counts}>
      {countTiles(project, counts).map((tile) => (
        <Link
          key={tile.label}
          href={tile.href}
          className={styles.count}
          style={{ "--kind": tile.color } as CSSProperties}
        >
          <span className={styles.countValue}>{formatCount(tile.value)}</span>
          <span className={styles.countLabel}>
            <Icon name={tile.icon} size={12} />
            {tile.label}
          </span>
        </Link>
      ))}
    </div>
  );
}
