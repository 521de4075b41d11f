import type { ReactNode } from "react";
import { Header } from "./Header";
import { PaletteProvider } from "./PaletteContext";
import { Sidebar } from "./Sidebar";
import styles from "./shell.module.css";

export function AppShell({ children }: { children: ReactNode }) {
  return (
    <PaletteProvider>
      <a href="#content" className="visually-hidden">
        Skip to content
      </a>
      <div className={styles.shell}>
        <Sidebar />
        <div className={styles.main}>
          <Header />
          <main id="content" className={styles.content}>
            {children}
          </main>
        </div>
      </div>
    </PaletteProvider>
  );
}
