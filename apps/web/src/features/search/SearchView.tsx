"use client";
import { Link } from "@/components/ui/Link";
import { type CSSProperties, useEffect, useState } from "react";
import { Badge, Dtype, TagChip } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { Checkbox, Field, SelectInput, TextInput } from "@/components/ui/Form";
import { Icon } from "@/components/ui/Icon";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState, ErrorState, SkeletonRows } from "@/components/ui/States";
import { useProjectNames } from "@/lib/queries/projects";
import { formatCount } from "@/lib/format";
import { routes } from "@/lib/routes";
import { useDebounced } from "@/lib/use-debounced";
import { Highlight } from "./Highlight";
import {
  hitHref,
  hitTitle,
  kindColor,
  kindIcon,
  kindLabel,
  kindPlural,
  MATCHED_ON_LABELS,
  SEARCH_KINDS,
  type SearchHit,
} from "./model";
import { useSearchPage } from "./use-search-page";
import styles from "./search.module.css";

export function SearchView() {
  const page = useSearchPage();
  const { filters, result } = page;
  const [text, setText] = useState(filters.q);
  const debounced = useDebounced(text, 200);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the debounced text writes to the URL
  useEffect(() => {
    if (debounced !== filters.q) page.set({ q: debounced });
  }, [debounced]);
  useEffect(() => {
    setText(filters.q);
  }, [filters.q]);

  return (
    <>
      <PageHeader
        icon="search"
        title="Search"
        subtitle="Names, descriptions, tags and owners across every project, best matches first."
      />
      <div className={styles.big}>
        <Icon name="search" size={18} />
        <TextInput
          type="search"
          aria-label="Search the catalog"
          placeholder="Search features, views, services… (try a tag like team:rides-ml)"
          value={text}
          onChange={(event) => setText(event.target.value)}
          autoFocus
        />
      </div>
      <div className={styles.layout}>
        <SearchFilters page={page} />
        <div>
          {!page.hasQuery ? (
            <Card>
              <EmptyState icon="search" title="Search the whole catalog">
                Type a name or a word from a description, or filter by a tag (<code>team:rides-ml</code>, or just{" "}
                <code>pii</code>) or an owner. Press <kbd>Ctrl</kbd> <kbd>K</kbd> anywhere to search without leaving the
                page.
              </EmptyState>
            </Card>
          ) : result.error ? (
            <ErrorState error={result.error} onRetry={() => void result.refetch()} />
          ) : !result.data ? (
            <Card flush>
              <SkeletonRows rows={6} columns={3} />
            </Card>
          ) : result.data.hits.length === 0 ? (
            <Card>
              <EmptyState icon="search" title="No results">
                Nothing matches {filters.q ? <strong>“{filters.q}”</strong> : "these filters"}. Try fewer words, a tag
                key without its value, or clear the type and project filters.
              </EmptyState>
            </Card>
          ) : (
            <>
              <div className={styles.summary} aria-live="polite">
                <span>
                  {formatCount(result.data.total)} {result.data.total === 1 ? "result" : "results"}
                  {result.data.hits.length < result.data.total ? `, showing the best ${result.data.hits.length}` : ""} ·{" "}
                  {result.data.tookMs.toFixed(1)} ms
                </span>
                {result.data.hits.length < result.data.total && filters.limit < 100 ? (
                  <Button size="sm" onClick={() => page.set({ limit: 100 })}>
                    Show up to 100
                  </Button>
                ) : null}
              </div>
              <Card flush>
                <ol className={styles.results} aria-label="Search results">
                  {result.data.hits.map((hit) => (
                    <SearchHitRow
                      key={`${hit.project}:${hit.kind}:${hit.view ?? ""}:${hit.name}`}
                      hit={hit}
                      query={filters.q}
                    />
                  ))}
                </ol>
              </Card>
            </>
          )}
        </div>
      </div>
    </>
  );
}

function SearchFilters({ page }: { page: ReturnType<typeof useSearchPage> }) {
  const { filters } = page;
  const projects = useProjectNames();
  const [tag, setTag] = useState(filters.tag);
  const [owner, setOwner] = useState(filters.owner);
  useEffect(() => {
    setTag(filters.tag);
  }, [filters.tag]);
  useEffect(() => {
    setOwner(filters.owner);
  }, [filters.owner]);
  const toggleKind = (kind: string, on: boolean) =>
    page.set({ kind: on ? [...filters.kinds, kind] : filters.kinds.filter((k) => k !== kind) });

  return (
    <Card title="Filters">
      <form
        className={styles.filters}
        onSubmit={(event) => {
          event.preventDefault();
          page.set({ tag: tag.trim(), owner: owner.trim() });
        }}
      >
        <Field id="search-project" label="Project">
          <SelectInput
            id="search-project"
            value={filters.project}
            onChange={(event) => page.set({ project: event.target.value })}
          >
            <option value="">All projects</option>
            {projects.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </SelectInput>
        </Field>
        <fieldset style={{ border: "none", padding: 0, margin: 0 }}>
          <legend style={{ fontWeight: 550, fontSize: 13, marginBottom: 8, color: "var(--text-2)" }}>Type</legend>
          <div className={styles.kinds}>
            {SEARCH_KINDS.map((kind) => (
              <Checkbox
                key={kind}
                label={kindPlural(kind)}
                checked={filters.kinds.includes(kind)}
                onChange={(event) => toggleKind(kind, event.target.checked)}
              />
            ))}
          </div>
        </fieldset>
        <Field id="search-tag" label="Tag" hint="key:value, or a key alone">
          <TextInput
            id="search-tag"
            placeholder="team:rides-ml"
            value={tag}
            onChange={(event) => setTag(event.target.value)}
            onBlur={() => page.set({ tag: tag.trim() })}
          />
        </Field>
        <Field id="search-owner" label="Owner">
          <TextInput
            id="search-owner"
            placeholder="rides-ml@pantry.dev"
            value={owner}
            onChange={(event) => setOwner(event.target.value)}
            onBlur={() => page.set({ owner: owner.trim() })}
          />
        </Field>
        <div style={{ display: "flex", gap: 8 }}>
          <Button type="submit" variant="primary" size="sm">
            Apply filters
          </Button>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => page.set({ project: null, kind: null, tag: null, owner: null })}
          >
            Reset
          </Button>
        </div>
      </form>
    </Card>
  );
}

function SearchHitRow({ hit, query }: { hit: SearchHit; query: string }) {
  const tags = Object.entries(hit.tags).slice(0, 4);
  return (
    <li className={styles.hit}>
      <span className={styles.hitIcon} style={{ "--kind": kindColor(hit.kind) } as CSSProperties} aria-hidden>
        <Icon name={kindIcon(hit.kind)} size={16} />
      </span>
      <div className={styles.hitBody}>
        <div className={styles.hitTitle}>
          <Link href={hitHref(hit)}>
            <Highlight text={hitTitle(hit)} query={query} />
          </Link>
          <Badge>{kindLabel(hit.kind)}</Badge>
          {hit.dtype ? <Dtype value={hit.dtype} /> : null}
          {hit.lifecycle !== "active" ? <Badge tone="warning">{hit.lifecycle}</Badge> : null}
        </div>
        {hit.description ? (
          <div>
            <Highlight text={hit.description} query={query} />
          </div>
        ) : null}
        <div className={styles.hitMeta}>
          <Link href={routes.project(hit.project)}>{hit.project}</Link>
          {hit.owner ? <span>{hit.owner}</span> : null}
          <span>matched on {MATCHED_ON_LABELS[hit.matchedOn]}</span>
        </div>
        {tags.length ? (
          <div style={{ display: "flex", gap: 6, flexWrap: "wrap" }}>
            {tags.map(([k, v]) => (
              <TagChip key={k} name={k} value={v} />
            ))}
          </div>
        ) : null}
      </div>
    </li>
  );
}
