import { router } from "../../trpc";
import { catalogAuditProcedure } from "./audit";
import { catalogDatasetsProcedure } from "./datasets";
import { catalogDiffProcedure } from "./diff";
import { catalogFeaturesProcedure } from "./features";
import { catalogGetProcedure } from "./get";
import { catalogInspectSourceProcedure } from "./inspect-source";
import { catalogJobsProcedure } from "./jobs";
import { catalogListProcedure } from "./list";
import { catalogSampleRowsProcedure } from "./sample-rows";
import { catalogVersionsProcedure } from "./versions";

export const catalogRouter = router({
  list: catalogListProcedure,
  get: catalogGetProcedure,
  versions: catalogVersionsProcedure,
  diff: catalogDiffProcedure,
  features: catalogFeaturesProcedure,
  sampleRows: catalogSampleRowsProcedure,
  inspectSource: catalogInspectSourceProcedure,
  datasets: catalogDatasetsProcedure,
  jobs: catalogJobsProcedure,
  audit: catalogAuditProcedure,
});
