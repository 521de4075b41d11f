"use client";
import { type FormEvent, type ReactNode, useEffect, useState } from "react";
import { Button } from "@/components/ui/Button";
import { SelectInput, TextInput } from "@/components/ui/Form";
import { Icon } from "@/components/ui/Icon";
import { useDebounced } from "@/lib/use-debounced";
import type { useCatalogFilters } from "./use-catalog-filters";
import styles from "./filters.module.css";

interface CatalogFilterBarProps {
  controls: ReturnType<typeof useCatalogFilters>;
  /** Owners to offer in the owner filter (the project's, most objects first). */
  owners: string[];
  placeholder: string;
  /** Extra filter controls of one page (the features page's type filter). */
  children?: ReactNode;
}

export function CatalogFilterBar({ controls, owners, placeholder, children }: CatalogFilterBarProps) {
  const { filters } = controls;
  const [text, setText] = useState(filters.q);
  const debounced = useDebounced(text, 250);
  const [tagDraft, setTagDraft] = useState("");

  // Typing writes to the URL after a pause; a URL change from elsewhere (back button) resets the box.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the debounced text triggers a write
  useEffect(() => {
    if (debounced !== filters.q) controls.setQuery(debounced);
  }, [debounced]);
  useEffect(() => {
    setText(filters.q);
  }, [filters.q]);

  const submitTag = (event: FormEvent) => {
    event.preventDefault();
    const tag = tagDraft.trim();
    if (tag) controls.addTag(tag);
    setTagDraft("");
  };

  return (
    <div className={styles.bar}>
      <div className={styles.search}>
        <Icon name="search" size={15} />
        <TextInput
          type="search"
          aria-label="Filter by name, description, owner or tag"
          placeholder={placeholder}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </div>
      <form onSubmit={submitTag} className={styles.tagInput}>
        <TextInput
          aria-label="Add a tag filter (key:value or key), then press Enter"
          placeholder="Tag, e.g. team:rides-ml ⏎"
          value={tagDraft}
          onChange={(event) => setTagDraft(event.target.value)}
        />
      </form>
      <SelectInput
        aria-label="Filter by owner"
        className={styles.ownerSelect}
        value={filters.owner}
        onChange={(event) => controls.setOwner(event.target.value)}
      >
        <option value="">Any owner</option>
        {[...new Set([...owners, ...(filters.owner ? [filters.owner] : [])])].map((owner) => (
          <option key={owner} value={owner}>
            {owner}
          </option>
        ))}
      </SelectInput>
      {children}
      {filters.tags.length ? (
        <div className={styles.chips}>
          {filters.tags.map((tag) => (
            <span key={tag} className={styles.chip}>
              {tag}
              <button type="button" onClick={() => controls.removeTag(tag)} aria-label={`Remove tag filter ${tag}`}>
                <Icon name="close" size={12} />
              </button>
            </span>
          ))}
        </div>
      ) : null}
      {controls.active ? (
        <Button size="sm" variant="ghost" className={styles.clear} onClick={controls.clear}>
          Clear filters
        </Button>
      ) : null}
    </div>
  );
}
