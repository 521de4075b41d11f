"use client";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import type { CSSProperties } from "react";
import { Icon } from "@/components/ui/Icon";
import { useCurrentProject, useProjectNames } from "@/lib/queries/projects";
import { routes } from "@/lib/routes";
import { isActive, PROJECT_NAV } from "./nav";
import { useNavCounts } from "./use-nav-counts";
import styles from "./shell.module.css";

export function Sidebar() {
  const pathname = usePathname();
  const project = useCurrentProject();
  const counts = useNavCounts(project);

  return (
    <aside className={styles.sidebar} aria-label="Main navigation">
      <Link href={routes.home()} className={styles.brand}>
        <span className={styles.brandMark} aria-hidden>
          <Icon name="featureView" size={16} />
        </span>
        <span>
          Pantry
          <div className={styles.brandSub}>Feature store console</div>
        </span>
      </Link>

      <ProjectSwitcher current={project} />

      <nav className={styles.group} aria-label="Workspace">
        <SidebarLink href={routes.home()} icon="projects" label="All projects" active={pathname === "/"} />
        <SidebarLink href={routes.search()} icon="search" label="Search" active={pathname === "/search"} />
        <SidebarLink href={routes.allModels()} icon="model" label="All models" active={pathname === "/models"} />
        <SidebarLink
          href={routes.importFeast()}
          icon="upload"
          label="Import Feast registry"
          active={pathname === "/import"}
        />
      </nav>

      {project
        ? PROJECT_NAV.map((group) => (
            <nav key={group.title} className={styles.group} aria-label={group.title}>
              <div className={styles.groupTitle}>{group.title}</div>
              {group.items.map((item) => (
                <SidebarLink
                  key={item.id}
                  href={item.href(project)}
                  icon={item.icon}
                  label={item.label}
                  color={item.color}
                  count={item.countKey ? counts?.[item.countKey] : undefined}
                  active={isActive(item, project, pathname)}
                />
              ))}
            </nav>
          ))
        : null}
      <div className={styles.sidebarFooter}>
        Press <kbd>Ctrl</kbd> <kbd>K</kbd> to search
      </div>
    </aside>
  );
}

interface SidebarLinkProps {
  href: string;
  icon: Parameters<typeof Icon>[0]["name"];
  label: string;
  active: boolean;
  count?: number;
  color?: string;
}

function SidebarLink({ href, icon, label, active, count, color }: SidebarLinkProps) {
  return (
    <Link
      href={href}
      className={styles.link}
      aria-current={active ? "page" : undefined}
      style={color ? ({ "--dot": color } as CSSProperties) : undefined}
    >
      <span className={styles.linkIcon}>
        <Icon name={icon} size={16} />
      </span>
      {label}
      {count !== undefined ? <span className={styles.linkCount}>{count}</span> : null}
    </Link>
  );
}

function ProjectSwitcher({ current }: { current: string | null }) {
  const router = useRouter();
  const pathname = usePathname();
  const names = useProjectNames();
  if (names.length === 0) return null;
  return (
    <div>
      <label htmlFor="project-switcher" className={styles.switcherLabel}>
        Project
      </label>
      <select
        id="project-switcher"
        className={styles.switcher}
        value={current ?? ""}
        onChange={(event) => router.push(switchProjectPath(pathname, current, event.target.value))}
      >
        {current === null ? <option value="">Choose a project…</option> : null}
        {names.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Same section in the other project (an object page falls back to its list). */
function switchProjectPath(pathname: string, current: string | null, next: string): string {
  if (!current || !pathname.startsWith("/projects/")) return routes.project(next);
  const rest = pathname.split("/").slice(3, 4);
  const section = rest[0];
  return section && section !== "create" ? `${routes.project(next)}/${section}` : routes.project(next);
}
