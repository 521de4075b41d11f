import type { Metadata } from "next";
import { AllModelsView } from "@/features/models/ModelsView";

export const metadata: Metadata = { title: "All models" };

export default function AllModelsPage() {
  return <AllModelsView />;
}
