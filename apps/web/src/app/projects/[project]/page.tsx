import type { Metadata } from "next";
import { ProjectOverviewView } from "@/features/projects/ProjectOverviewView";
import { decodeParam } from "@/lib/params";

interface Props {
  params: Promise<{ project: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeParam((await params).project) };
}

export default async function ProjectPage({ params }: Props) {
  return <ProjectOverviewView project={decodeParam((await params).project)} />;
}
