"use client";
import { Link } from "@/components/ui/Link";
import { routes } from "@/lib/routes";

/** A link to what a notice is about: a view, a feature (`view:feature`) or a service. */
export function TargetLink({ project, kind, name }: { project: string; kind: string; name: string }) {
  if (kind === "feature") {
    const [view = "", feature = ""] = name.split(":");
    return <Link href={routes.feature(project, view, feature)}>{name}</Link>;
  }
  if (kind === "featureView" || kind === "onDemandFeatureView" || kind === "featureService") {
    return <Link href={routes.object(project, kind, name)}>{name}</Link>;
  }
  return <span className="mono">{name}</span>;
}
