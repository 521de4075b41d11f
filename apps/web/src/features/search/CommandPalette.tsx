"use client";
import { useRouter } from "next/navigation";
import { type CSSProperties, type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { usePalette } from "@/components/shell/PaletteContext";
import { Icon } from "@/components/ui/Icon";
import { type PaletteEntry, usePaletteEntries } from "./use-palette-entries";
import styles from "./palette.module.css";

/** Ctrl/Cmd-K: type to search every project; arrows move, Enter opens, Escape closes. */
export function CommandPalette() {
  const { close: onClose } = usePalette();
  const router = useRouter();
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const { entries, loading } = usePaletteEntries(query);
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const restoreFocus = useRef<Element | null>(null);

  useEffect(() => {
    restoreFocus.current = document.activeElement;
    inputRef.current?.focus();
    return () => {
      if (restoreFocus.current instanceof HTMLElement) restoreFocus.current.focus();
    };
  }, []);

  const choose = (entry: PaletteEntry | undefined) => {
    if (!entry) return;
    onClose();
    router.push(entry.href);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setActive((i) => Math.min(entries.length - 1, i + 1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((i) => Math.max(0, i - 1));
    } else if (event.key === "Enter") {
      event.preventDefault();
      choose(entries[active]);
    } else if (event.key === "Escape") {
      event.preventDefault();
      onClose();
    }
  };

  useEffect(() => {
    document.getElementById(`${listId}-${active}`)?.scrollIntoView({ block: "nearest" });
  }, [active, listId]);

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape is handled by the input; the backdrop click is a mouse convenience
    <div
      className={styles.backdrop}
      role="presentation"
      onClick={(event) => event.target === event.currentTarget && onClose()}
    >
      <div className={styles.panel} role="dialog" aria-modal="true" aria-label="Search the catalog">
        <div className={styles.inputRow}>
          <Icon name="search" size={18} />
          <input
            ref={inputRef}
            className={styles.input}
            placeholder="Search features, views, services, tags (team:…), owners…"
            value={query}
            onChange={(event) => {
              setQuery(event.target.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
            role="combobox"
            aria-expanded="true"
            aria-controls={listId}
            aria-activedescendant={entries.length ? `${listId}-${active}` : undefined}
            aria-autocomplete="list"
            aria-label="Search"
          />
          {loading ? <span className="muted">Searching…</span> : null}
        </div>
        <div className={styles.list} id={listId} role="listbox" aria-label="Results">
          {entries.length === 0 && !loading ? (
            <div className={styles.empty} role="presentation">
              No match for “{query}”. Try a shorter name, a tag like team:rides-ml, or an owner.
            </div>
          ) : null}
          {entries.map((entry, index) => (
            <PaletteOption
              key={entry.id}
              entry={entry}
              id={`${listId}-${index}`}
              selected={index === active}
              sectionStart={index === 0 || entries[index - 1]?.section !== entry.section}
              onHover={() => setActive(index)}
              onChoose={() => choose(entry)}
            />
          ))}
        </div>
        <div className={styles.footer}>
          <span>
            <kbd>↑</kbd> <kbd>↓</kbd> move
          </span>
          <span>
            <kbd>Enter</kbd> open
          </span>
          <span>
            <kbd>Esc</kbd> close
          </span>
        </div>
      </div>
    </div>
  );
}

interface OptionProps {
  entry: PaletteEntry;
  id: string;
  selected: boolean;
  sectionStart: boolean;
  onHover: () => void;
  onChoose: () => void;
}

function PaletteOption({ entry, id, selected, sectionStart, onHover, onChoose }: OptionProps) {
  return (
    <>
      {sectionStart ? (
        <div className={styles.section} role="presentation">
          {entry.section}
        </div>
      ) : null}
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: keyboard selection goes through the combobox input */}
      <div
        id={id}
        tabIndex={-1}
        role="option"
        aria-selected={selected}
        className={styles.option}
        onMouseMove={onHover}
        onClick={onChoose}
      >
        <span className={styles.optionIcon} style={{ "--kind": entry.color } as CSSProperties} aria-hidden>
          <Icon name={entry.icon} size={15} />
        </span>
        <span className={styles.optionText}>
          <div className={styles.optionTitle}>{entry.title}</div>
          {entry.subtitle ? <div className={styles.optionSub}>{entry.subtitle}</div> : null}
        </span>
        {entry.meta ? <span className={styles.optionMeta}>{entry.meta}</span> : null}
      </div>
    </>
  );
}
