import type { Metadata } from "next";
import { FreshnessView } from "@/features/freshness/FreshnessView";
import { decodeParam } from "@/lib/params";

interface Props {
  params: Promise<{ project: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Freshness · ${decodeParam((await params).project)}` };
}

export default async function FreshnessPage({ params }: Props) {
  return <FreshnessView project={decodeParam((await params).project)} />;
}
