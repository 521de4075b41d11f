import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CreateObjectView } from "@/features/edit/CreateObjectView";
import { KINDS, kindFromSlug } from "@/lib/kinds";
import { decodeParam } from "@/lib/params";

interface Props {
  params: Promise<{ project: string; section: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { section } = await params;
  const kind = kindFromSlug(section);
  return { title: kind ? `New ${KINDS[kind].label.toLowerCase()}` : "Not found" };
}

export default async function CreateObjectPage({ params }: Props) {
  const { project, section } = await params;
  const kind = kindFromSlug(section);
  if (!kind || !KINDS[kind].editable) notFound();
  return <CreateObjectView project={decodeParam(project)} kind={kind} />;
}
