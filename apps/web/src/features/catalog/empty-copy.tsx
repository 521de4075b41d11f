/** What an empty list says, per kind: why it is empty and what to do. */
import type { ReactNode } from "react";
import type { ObjectKind } from "@/lib/kinds";

export const EMPTY_COPY: Record<ObjectKind, { title: string; body: ReactNode }> = {
  entity: {
    title: "No entities yet",
    body: (
      <>
        Entities are the keys features are looked up by (a driver, a customer). Define one with{" "}
        <code>new Entity(…)</code> and run <code>pantry apply</code>, or create one here.
      </>
    ),
  },
  dataSource: {
    title: "No data sources yet",
    body: (
      <>
        A data source points at the table or file feature values come from. Define a <code>FileSource</code> and run{" "}
        <code>pantry apply</code>, or register a Parquet/CSV file here: its columns and types are read for you.
      </>
    ),
  },
  featureView: {
    title: "No feature views yet",
    body: (
      <>
        Define one in code and run <code>pantry apply</code>, or create one here from a data source&apos;s columns.
      </>
    ),
  },
  onDemandFeatureView: {
    title: "No on-demand views yet",
    body: (
      <>
        On-demand views compute features at request time from other views and request data. Define one with{" "}
        <code>new OnDemandFeatureView(…)</code> and run <code>pantry apply</code>.
      </>
    ),
  },
  featureService: {
    title: "No feature services yet",
    body: (
      <>
        A feature service is the set of features one model reads. Define one in code and run <code>pantry apply</code>,
        or create one here by picking views and features.
      </>
    ),
  },
};
