/**
 * credit_scoring: Feast's credit-scoring demo (the repo behind the Feast UI's sample registry),
 * written with the Pantry SDK. Same objects, types, ttls, owners and tags as Feast's registry.
 *
 *   data/base_data/zipcode_table.parquet        28,844 US zipcodes, one row each (event_timestamp 2017-01-01)
 *   data/temporal_data/credit_history_sample.csv  1,000 people's credit history (a sample of Feast's credit_history table)
 *   data/labels/loan_table.parquet                28,638 loans with loan_status: the entity table for training
 *                                                 (loan_id, dob_ssn, zipcode, event_timestamp, applicant fields, label)
 */
import { Entity, FeatureService, FeatureView, FileSource, OnDemandFeatureView, RequestSource } from "@pantry/sdk";

// ---------------------------------------------------------------------------------------------
// Entities
// ---------------------------------------------------------------------------------------------

export const zipcode = new Entity({
  name: "zipcode",
  joinKeys: ["zipcode"],
  valueType: "Int64",
  description: "A zipcode",
  owner: "danny@feast.ai",
  tags: { owner: "danny@feast.ai", team: "hack week" },
});

export const dobSsn = new Entity({
  name: "dob_ssn",
  joinKeys: ["dob_ssn"],
  valueType: "String",
  description: "Date of birth and last four digits of social security number",
  owner: "tony@feast.ai",
  tags: { owner: "tony@feast.ai", team: "hack week" },
});

// ---------------------------------------------------------------------------------------------
// Sources
// ---------------------------------------------------------------------------------------------

export const zipcodeSource = new FileSource({
  name: "zipcode",
  path: "data/base_data/zipcode_table.parquet",
  timestampField: "event_timestamp",
  createdTimestampColumn: "created_timestamp",
  description: "IRS statistics per US zipcode (tax returns, population, wages).",
});

export const creditHistorySource = new FileSource({
  name: "credit_history",
  path: "data/temporal_data/credit_history_sample.csv",
  timestampField: "event_timestamp",
  createdTimestampColumn: "created_timestamp",
  description: "Credit bureau history per person, keyed by dob_ssn (CSV sample of Feast's credit_history table).",
});

export const transactionRequest = new RequestSource({
  name: "transaction",
  schema: [{ name: "transaction_amt", dtype: "Float64" }],
});

// ---------------------------------------------------------------------------------------------
// Feature views
// ---------------------------------------------------------------------------------------------

const ZIPCODE_TAGS = {
  date_added: "2022-02-7",
  experiments: "experiment-A,experiment-B,experiment-C",
  access_group: "feast-team@feast.ai",
};

export const zipcodeFeatures = new FeatureView({
  name: "zipcode_features",
  entities: [zipcode],
  ttl: "3650d",
  schema: [
    { name: "zipcode", dtype: "Int64" },
    { name: "city", dtype: "String" },
    { name: "state", dtype: "String" },
    { name: "location_type", dtype: "String" },
    { name: "tax_returns_filed", dtype: "Int64" },
    { name: "population", dtype: "Int64" },
    { name: "total_wages", dtype: "Int64" },
  ],
  source: zipcodeSource,
  online: true,
  tags: ZIPCODE_TAGS,
});

export const zipcodeMoneyFeatures = new FeatureView({
  name: "zipcode_money_features",
  entities: [zipcode],
  ttl: "3650d",
  schema: [
    { name: "zipcode", dtype: "Int64" },
    { name: "tax_returns_filed", dtype: "Int64" },
    { name: "total_wages", dtype: "Int64" },
  ],
  source: zipcodeSource,
  online: true,
  tags: ZIPCODE_TAGS,
});

export const creditHistory = new FeatureView({
  name: "credit_history",
  entities: [dobSsn],
  ttl: "9000d",
  schema: [
    { name: "dob_ssn", dtype: "String" },
    { name: "credit_card_due", dtype: "Int64" },
    { name: "mortgage_due", dtype: "Int64" },
    { name: "student_loan_due", dtype: "Int64" },
    { name: "vehicle_loan_due", dtype: "Int64" },
    { name: "hard_pulls", dtype: "Int64" },
    { name: "missed_payments_2y", dtype: "Int64" },
    { name: "missed_payments_1y", dtype: "Int64" },
    { name: "missed_payments_6m", dtype: "Int64" },
    { name: "bankruptcies", dtype: "Int64" },
  ],
  source: creditHistorySource,
  online: true,
  tags: { date_added: "2022-02-6", experiments: "experiment-A", access_group: "feast-team@feast.ai" },
});

/** Feast's pandas ODFV `transaction_amt > credit_card_due`, row-wise. */
export const transactionGtLastCreditCardDue = new OnDemandFeatureView({
  name: "transaction_gt_last_credit_card_due",
  sources: [creditHistory, transactionRequest],
  schema: [{ name: "transaction_gt_last_credit_card_due", dtype: "Bool" }],
  transform: (row) => ({
    transaction_gt_last_credit_card_due:
      row.transaction_amt != null && row.credit_card_due != null
        ? Number(row.transaction_amt) > Number(row.credit_card_due)
        : false,
  }),
});

// ---------------------------------------------------------------------------------------------
// Feature services
// ---------------------------------------------------------------------------------------------

export const creditScoreV1 = new FeatureService({
  name: "credit_score_v1",
  features: [creditHistory.select(["credit_card_due", "missed_payments_1y"]), zipcodeFeatures],
  description: "Credit scoring model",
  owner: "tony@feast.ai",
  tags: { owner: "tony@feast.ai", stage: "staging" },
});

export const creditScoreV2 = new FeatureService({
  name: "credit_score_v2",
  features: [creditHistory.select(["mortgage_due", "credit_card_due", "missed_payments_1y"]), zipcodeFeatures],
  description: "Credit scoring model",
  owner: "tony@feast.ai",
  tags: { owner: "tony@feast.ai", stage: "prod" },
});

export const creditScoreV3 = new FeatureService({
  name: "credit_score_v3",
  features: [
    creditHistory.select(["mortgage_due", "credit_card_due", "missed_payments_1y"]),
    zipcodeFeatures,
    transactionGtLastCreditCardDue,
  ],
  description: "Credit scoring model",
  owner: "tony@feast.ai",
  tags: { owner: "tony@feast.ai", stage: "dev" },
});

export const zipcodeModel = new FeatureService({
  name: "zipcode_model",
  features: [zipcodeFeatures],
  description: "Location model",
  owner: "amanda@feast.ai",
  tags: { owner: "amanda@feast.ai", stage: "dev" },
});

export const zipcodeModelV2 = new FeatureService({
  name: "zipcode_model_v2",
  features: [zipcodeMoneyFeatures],
  description: "Location model",
  owner: "amanda@feast.ai",
  tags: { owner: "amanda@feast.ai", stage: "dev" },
});
