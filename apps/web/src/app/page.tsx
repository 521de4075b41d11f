import { ProjectsOverview } from "@/features/projects/ProjectsOverview";

export default function HomePage() {
  return <ProjectsOverview />;
}
