import { duckdbHarness } from "./fixtures/offline/harness";
import { describePointInTime } from "./fixtures/offline/pit-suite";

describePointInTime(duckdbHarness());
