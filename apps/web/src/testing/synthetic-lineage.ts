/**
 * A lineage-shaped graph of any size: sources -> views -> services -> models, plus on-demand views
 * fed by a view and a request source. Seeded, so every run lays out the same graph (layout tests
 * and `pnpm bench lineage`).
 */
export interface SyntheticLineage {
  nodes: { id: string }[];
  edges: { source: string; target: string }[];
}

export function syntheticLineage(sources: number): SyntheticLineage {
  const nodes: { id: string }[] = [];
  const edges: { source: string; target: string }[] = [];
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (let s = 0; s < sources; s++) {
    nodes.push({ id: `source:${s}` }, { id: `view:${s}` });
    edges.push({ source: `source:${s}`, target: `view:${s}` });
  }
  const odfvs = Math.floor(sources / 10);
  for (let o = 0; o < odfvs; o++) {
    nodes.push({ id: `odfv:${o}` }, { id: `request:${o}` });
    edges.push(
      { source: `view:${Math.floor(random() * sources)}`, target: `odfv:${o}` },
      { source: `request:${o}`, target: `odfv:${o}` },
    );
  }
  const services = Math.floor(sources / 4);
  for (let f = 0; f < services; f++) {
    nodes.push({ id: `service:${f}` }, { id: `model:${f}` });
    for (let k = 0; k < 3; k++)
      edges.push({ source: `view:${Math.floor(random() * sources)}`, target: `service:${f}` });
    if (odfvs && f % 3 === 0) edges.push({ source: `odfv:${f % odfvs}`, target: `service:${f}` });
    edges.push({ source: `service:${f}`, target: `model:${f}` });
  }
  return { nodes, edges };
}
