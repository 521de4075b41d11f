/** A readable diff between two versions of a spec: one line per changed path. */
export interface SpecChange {
  path: string;
  before: unknown;
  after: unknown;
}

export function diffSpecs(before: unknown, after: unknown, path = ""): SpecChange[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  if (isKeyedList(before) && isKeyedList(after)) return diffKeyedLists(before, after, path);
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => diffSpecs(before[key], after[key], path ? `${path}.${key}` : key));
  }
  return [{ path: path || "(root)", before, after }];
}

/** Lists of named things (schema fields, projections) are compared by name, not by position. */
function diffKeyedLists(before: Named[], after: Named[], path: string): SpecChange[] {
  const key = (item: Named) => item.name ?? item.view ?? "";
  const beforeMap = new Map(before.map((item) => [key(item), item]));
  const afterMap = new Map(after.map((item) => [key(item), item]));
  const changes: SpecChange[] = [];
  for (const [name, item] of beforeMap) {
    if (!afterMap.has(name)) changes.push({ path: `${path}[${name}]`, before: item, after: undefined });
  }
  for (const [name, item] of afterMap) {
    const old = beforeMap.get(name);
    if (!old) changes.push({ path: `${path}[${name}]`, before: undefined, after: item });
    else changes.push(...diffSpecs(old, item, `${path}[${name}]`));
  }
  const orderBefore = before.map(key).filter((k) => afterMap.has(k));
  const orderAfter = after.map(key).filter((k) => beforeMap.has(k));
  if (changes.length === 0 && orderBefore.join() !== orderAfter.join()) {
    changes.push({ path: `${path} (order)`, before: orderBefore, after: orderAfter });
  }
  return changes;
}

type Named = { name?: string; view?: string };

function isKeyedList(value: unknown): value is Named[] {
  if (!Array.isArray(value) || value.length === 0) return false;
  const keys = value.map((v) => (isPlainObject(v) ? (v.name ?? v.view) : undefined));
  return keys.every((k) => typeof k === "string") && new Set(keys).size === keys.length;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function formatValue(value: unknown): string {
  if (value === undefined) return "(none)";
  if (typeof value === "string") return JSON.stringify(value);
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function formatChange(change: SpecChange): string {
  if (change.before === undefined) return `+ ${change.path} = ${formatValue(change.after)}`;
  if (change.after === undefined) return `- ${change.path} (was ${formatValue(change.before)})`;
  return `~ ${change.path}: ${formatValue(change.before)} -> ${formatValue(change.after)}`;
}
