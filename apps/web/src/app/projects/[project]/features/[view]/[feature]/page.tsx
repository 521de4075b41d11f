import type { Metadata } from "next";
import { FeatureDetailView } from "@/features/catalog/features/FeatureDetailView";
import { decodeParam } from "@/lib/params";

interface Props {
  params: Promise<{ project: string; view: string; feature: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { view, feature } = await params;
  return { title: `${decodeParam(view)}:${decodeParam(feature)}` };
}

export default async function FeaturePage({ params }: Props) {
  const { project, view, feature } = await params;
  return <FeatureDetailView project={decodeParam(project)} view={decodeParam(view)} feature={decodeParam(feature)} />;
}
