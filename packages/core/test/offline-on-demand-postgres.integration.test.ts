import { postgresHarness } from "./fixtures/offline/harness";
import { describeOnDemandRetrieval } from "./fixtures/offline/on-demand-suite";

describeOnDemandRetrieval(postgresHarness());
