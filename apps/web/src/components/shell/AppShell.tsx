import type { ReactNode } from "react";
import { Header } from "./Header";
import { PaletteProvider } from "./PaletteContext";
import { Sidebar } from "./Sidebar";
import styles from "./shell.module.css";

/** Sidebar, header and content; `palette` is what Ctrl/Cmd-K opens. */
export function AppShell({ palette, children }: { palette: ReactNode; children: ReactNode }) {
  return (
    <PaletteProvider palette={palette}>
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
