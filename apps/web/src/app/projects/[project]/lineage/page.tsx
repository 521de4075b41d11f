import type { Metadata } from "next";
import { ProjectLineageView } from "@/features/lineage/ProjectLineageView";
import { decodeParam } from "@/lib/params";

interface Props {
  params: Promise<{ project: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Lineage · ${decodeParam((await params).project)}` };
}

export default async function ProjectLineagePage({ params }: Props) {
  return <ProjectLineageView project={decodeParam((await params).project)} />;
}
