import type { Metadata } from "next";
import { UsageView } from "@/features/usage/UsageView";
import { decodeParam } from "@/lib/params";

interface Props {
  params: Promise<{ project: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Usage · ${decodeParam((await params).project)}` };
}

export default async function UsagePage({ params }: Props) {
  return <UsageView project={decodeParam((await params).project)} />;
}
