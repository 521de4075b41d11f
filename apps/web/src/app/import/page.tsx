import type { Metadata } from "next";
import { ImportFeastView } from "@/features/edit/import/ImportFeastView";

export const metadata: Metadata = { title: "Import a Feast registry" };

export default function ImportPage() {
  return <ImportFeastView />;
}
