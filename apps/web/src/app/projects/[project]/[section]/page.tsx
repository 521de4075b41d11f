import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CatalogListView } from "@/features/catalog/CatalogListView";
import { KINDS, kindFromSlug } from "@/lib/kinds";
import { decodeParam } from "@/lib/params";

interface Props {
  params: Promise<{ project: string; section: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { project, section } = await params;
  const kind = kindFromSlug(section);
  return { title: kind ? `${KINDS[kind].plural} · ${decodeParam(project)}` : "Not found" };
}

export default async function CatalogListPage({ params }: Props) {
  const { project, section } = await params;
  const kind = kindFromSlug(section);
  if (!kind) notFound();
  return <CatalogListView project={decodeParam(project)} kind={kind} />;
}
