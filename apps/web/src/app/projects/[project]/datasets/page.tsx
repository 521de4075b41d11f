import type { Metadata } from "next";
import { DatasetsView } from "@/features/operations/DatasetsView";
import { decodeParam } from "@/lib/params";

interface Props {
  params: Promise<{ project: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Saved datasets · ${decodeParam((await params).project)}` };
}

export default async function DatasetsPage({ params }: Props) {
  return <DatasetsView project={decodeParam((await params).project)} />;
}
