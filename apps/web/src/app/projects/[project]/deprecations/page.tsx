import type { Metadata } from "next";
import { DeprecationReportView } from "@/features/governance/DeprecationReportView";
import { decodeParam } from "@/lib/params";

interface Props {
  params: Promise<{ project: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Deprecation · ${decodeParam((await params).project)}` };
}

export default async function DeprecationPage({ params }: Props) {
  return <DeprecationReportView project={decodeParam((await params).project)} />;
}
