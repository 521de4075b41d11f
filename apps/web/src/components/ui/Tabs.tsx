import { Link } from "@/components/ui/Link";
import styles from "./tabs.module.css";

export interface TabLink {
  id: string;
  label: string;
  href: string;
  count?: number;
}

/** Tabs are links: the active tab lives in the URL, so every tab is shareable. */
export function TabLinks({ tabs, active, label }: { tabs: TabLink[]; active: string; label: string }) {
  return (
    <nav aria-label={label}>
      <div className={styles.tabs} role="tablist">
        {tabs.map((tab) => (
          <Link
            key={tab.id}
            href={tab.href}
            role="tab"
            aria-selected={tab.id === active}
            className={`${styles.tab} ${tab.id === active ? styles.active : ""}`}
            scroll={false}
            replace
          >
            {tab.label}
            {tab.count !== undefined ? <span className={styles.count}>{tab.count}</span> : null}
          </Link>
        ))}
      </div>
    </nav>
  );
}

interface SegmentedProps<T extends string> {
  label: string;
  options: readonly { value: T; label: string }[];
  value: T;
  onChange: (value: T) => void;
}

export function Segmented<T extends string>({ label, options, value, onChange }: SegmentedProps<T>) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of toggle buttons, not a fieldset
    <div className={styles.segmented} role="group" aria-label={label}>
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          className={styles.segment}
          aria-pressed={option.value === value}
          onClick={() => onChange(option.value)}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}
