/**
 * A view with expectations that its data breaks: `conversion_rate` must lie in [0, 1] and never be
 * null, and `tier` must be one of gold/silver/bronze. Rider 3 has a rate of 1.7, rider 5 none and
 * rider 4 the tier "platinum", so `pantry materialize` fails naming each rule and those rows, and
 * writes nothing. Change `onValidationFailure` to "warn" to materialize anyway with warnings.
 */
import { Entity, FeatureService, FeatureView, FileSource } from "@pantry/sdk";

export const rider = new Entity({ name: "rider", joinKeys: ["rider_id"], valueType: "Int64" });

const riderScores = new FileSource({
  name: "rider_scores",
  path: "data/rider_scores.csv",
  timestampField: "event_timestamp",
});

export const riderQuality = new FeatureView({
  name: "rider_quality",
  entities: [rider],
  ttl: "30d",
  source: riderScores,
  onValidationFailure: "fail",
  schema: [
    { name: "conversion_rate", dtype: "Float64", validation: { notNull: true, min: 0, max: 1 } },
    { name: "tier", dtype: "String", validation: { allowed: ["gold", "silver", "bronze"], maxNullRatio: 0.1 } },
  ],
});

export const riderModel = new FeatureService({
  name: "rider_quality_v1",
  features: [riderQuality],
  tags: { model: "rider_ranker" },
});
