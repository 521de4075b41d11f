import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/AppShell";
import { CommandPalette } from "@/features/search/CommandPalette";
import { TrpcQueryProvider } from "@/lib/trpc/provider";
import "@xyflow/react/dist/style.css";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Pantry", template: "%s · Pantry" },
  description: "Browse, search, register and trace the features of your Pantry feature store.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The registry changes under us (CLI applies, console edits): every page renders per request.
  await connection();
  return (
    <html lang="en">
      <body>
        <TrpcQueryProvider>
          <AppShell palette={<CommandPalette />}>{children}</AppShell>
        </TrpcQueryProvider>
      </body>
    </html>
  );
}
