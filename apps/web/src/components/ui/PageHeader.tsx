import { Link } from "@/components/ui/Link";
import type { CSSProperties, ReactNode } from "react";
import { KINDS, type ObjectKind } from "@/lib/kinds";
import { Icon, type IconName } from "./Icon";
import styles from "./page.module.css";

interface PageHeaderProps {
  title: ReactNode;
  eyebrow?: string;
  subtitle?: ReactNode;
  kind?: ObjectKind;
  icon?: IconName;
  badges?: ReactNode;
  actions?: ReactNode;
}

export function PageHeader({ title, eyebrow, subtitle, kind, icon, badges, actions }: PageHeaderProps) {
  const style = kind ? ({ "--kind": KINDS[kind].color } as CSSProperties) : undefined;
  const iconName: IconName | undefined = kind ?? icon;
  return (
    <header className={styles.header}>
      <div className={styles.titleRow}>
        {iconName ? (
          <div className={styles.icon} style={style} aria-hidden>
            <Icon name={iconName} size={20} />
          </div>
        ) : null}
        <div style={{ minWidth: 0 }}>
          {eyebrow ? <div className={styles.eyebrow}>{eyebrow}</div> : null}
          <h1 className={styles.title}>
            {title}
            {badges}
          </h1>
          {subtitle ? <div className={styles.subtitle}>{subtitle}</div> : null}
        </div>
      </div>
      {actions ? <div className={styles.actions}>{actions}</div> : null}
    </header>
  );
}

export function StatGrid({ children }: { children: ReactNode }) {
  return <div className={styles.stats}>{children}</div>;
}

interface StatProps {
  label: string;
  value: ReactNode;
  href?: string;
  icon?: IconName;
  small?: boolean;
  color?: string;
}

export function Stat({ label, value, href, icon, small, color }: StatProps) {
  const body = (
    <>
      <div className={styles.statLabel} style={color ? { color } : undefined}>
        {icon ? <Icon name={icon} size={14} /> : null}
        <span style={{ color: "var(--text-muted)" }}>{label}</span>
      </div>
      <div className={small ? styles.statSmall : styles.statValue}>{value}</div>
    </>
  );
  if (!href) return <div className={styles.stat}>{body}</div>;
  return (
    <Link className={styles.stat} href={href}>
      {body}
    </Link>
  );
}
