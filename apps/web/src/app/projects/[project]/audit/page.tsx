import type { Metadata } from "next";
import { AuditLogView } from "@/features/operations/AuditLogView";
import { decodeParam } from "@/lib/params";

interface Props {
  params: Promise<{ project: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Audit log · ${decodeParam((await params).project)}` };
}

export default async function AuditLogPage({ params }: Props) {
  return <AuditLogView project={decodeParam((await params).project)} />;
}
