import type { Metadata } from "next";
import { JobsView } from "@/features/operations/JobsView";
import { decodeParam } from "@/lib/params";

interface Props {
  params: Promise<{ project: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Materialization · ${decodeParam((await params).project)}` };
}

export default async function JobsPage({ params }: Props) {
  return <JobsView project={decodeParam((await params).project)} />;
}
