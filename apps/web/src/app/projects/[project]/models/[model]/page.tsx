import type { Metadata } from "next";
import { ModelDetailView } from "@/features/models/ModelDetailView";
import { decodeParam } from "@/lib/params";

interface Props {
  params: Promise<{ project: string; model: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `${decodeParam((await params).model)} · models` };
}

export default async function ModelPage({ params }: Props) {
  const { project, model } = await params;
  return <ModelDetailView project={decodeParam(project)} model={decodeParam(model)} />;
}
