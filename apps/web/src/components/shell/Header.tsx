"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { Fragment } from "react";
import { UserMenu } from "@/components/auth/UserMenu";
import { Icon } from "@/components/ui/Icon";
import { crumbsFor } from "./crumbs";
import { usePalette } from "./PaletteContext";
import styles from "./shell.module.css";

export function Header() {
  const pathname = usePathname();
  const crumbs = crumbsFor(pathname);
  const palette = usePalette();
  return (
    <header className={styles.header}>
      <nav aria-label="Breadcrumb" className={styles.crumbs}>
        {crumbs.map((crumb, index) => {
          const last = index === crumbs.length - 1;
          return (
            <Fragment key={crumb.href ?? `current:${crumb.label}`}>
              {index > 0 ? <Icon name="chevronRight" size={14} /> : null}
              {last || !crumb.href ? (
                <span className={styles.crumbCurrent} aria-current={last ? "page" : undefined}>
                  {crumb.label}
                </span>
              ) : (
                <Link href={crumb.href}>{crumb.label}</Link>
              )}
            </Fragment>
          );
        })}
      </nav>
      <button
        type="button"
        className={styles.searchTrigger}
        onClick={palette.open}
        aria-keyshortcuts="Control+K Meta+K"
      >
        <Icon name="search" size={16} />
        <span>Search features, views, tags, owners…</span>
        <kbd className={styles.kbd}>Ctrl K</kbd>
      </button>
      <UserMenu />
    </header>
  );
}
