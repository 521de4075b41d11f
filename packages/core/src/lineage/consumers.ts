/**
 * Who consumes a feature service. Today: the service's own tags (`model: credit_model_v1`, or
 * `consumers: "fraud_v2, risk_dashboard"`). Usage data (who actually fetched what) will add to
 * this through the same ConsumerLink shape, without changing the graph code.
 */
import type { FeatureServiceSpec } from "../definitions/types";

export interface ConsumerLink {
  service: string;
  consumer: string;
  /** Where we learned it: a tag of the service, or observed requests. */
  via: "tag" | "usage";
}

const CONSUMER_TAGS = ["model", "models", "consumer", "consumers"];

export function consumersFromTags(service: FeatureServiceSpec): ConsumerLink[] {
  const names = new Set<string>();
  for (const tag of CONSUMER_TAGS) {
    const value = service.tags[tag];
    if (!value) continue;
    for (const name of value.split(/[,;\s]+/)) if (name) names.add(name);
  }
  return [...names].map((consumer) => ({ service: service.name, consumer, via: "tag" }));
}

/** Tag links plus observed ones, one link per (service, consumer); tags win the `via`. */
export function mergeConsumerLinks(services: FeatureServiceSpec[], observed: ConsumerLink[] = []): ConsumerLink[] {
  const links = new Map<string, ConsumerLink>();
  for (const service of services)
    for (const link of consumersFromTags(service)) links.set(`${link.service}\u0000${link.consumer}`, link);
  for (const link of observed) {
    const key = `${link.service}\u0000${link.consumer}`;
    if (!links.has(key)) links.set(key, link);
  }
  return [...links.values()];
}
