import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EditObjectView } from "@/features/edit/EditObjectView";
import { KINDS, kindFromSlug } from "@/lib/kinds";
import { decodeParam } from "@/lib/params";

interface Props {
  params: Promise<{ project: string; section: string; name: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { section, name } = await params;
  const kind = kindFromSlug(section);
  return { title: kind ? `Edit ${decodeParam(name)} · ${KINDS[kind].label}` : "Not found" };
}

export default async function EditObjectPage({ params }: Props) {
  const { project, section, name } = await params;
  const kind = kindFromSlug(section);
  if (!kind || !KINDS[kind].editable) notFound();
  return <EditObjectView project={decodeParam(project)} kind={kind} name={decodeParam(name)} />;
}
