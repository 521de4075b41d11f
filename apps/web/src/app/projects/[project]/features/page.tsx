import type { Metadata } from "next";
import { FeatureListView } from "@/features/catalog/features/FeatureListView";
import { decodeParam } from "@/lib/params";

interface Props {
  params: Promise<{ project: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Features · ${decodeParam((await params).project)}` };
}

export default async function FeaturesPage({ params }: Props) {
  return <FeatureListView project={decodeParam((await params).project)} />;
}
