import { duckdbHarness } from "./fixtures/offline/harness";
import { describePointInTime } from "./fixtures/offline/pit-suite";

describePointInTime(duckdbHarness());
// The portable sweep SQL (PostgreSQL, Trino, BigQuery) executed on DuckDB too: same suite, same answers.
describePointInTime(duckdbHarness({ strategy: "sweep" }));
