import type { Metadata } from "next";
import { NoticesView } from "@/features/governance/NoticesView";
import { decodeParam } from "@/lib/params";

interface Props {
  params: Promise<{ project: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Notices · ${decodeParam((await params).project)}` };
}

export default async function NoticesPage({ params }: Props) {
  return <NoticesView project={decodeParam((await params).project)} />;
}
