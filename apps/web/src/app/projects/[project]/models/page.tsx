import type { Metadata } from "next";
import { ModelsView } from "@/features/models/ModelsView";
import { decodeParam } from "@/lib/params";

interface Props {
  params: Promise<{ project: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Models · ${decodeParam((await params).project)}` };
}

export default async function ModelsPage({ params }: Props) {
  return <ModelsView project={decodeParam((await params).project)} />;
}
