export { findViewLifecycle, listLifecycles } from "./find-view";
export { lifecycleImpact, DEFAULT_IMPACT_DAYS } from "./impact";
export { deprecateView, reactivateView, retireView } from "./transitions";
export type * from "./types";
export {
  deprecateGoverned,
  findGovernedStatus,
  findGovernedStatusOrThrow,
  type GovernedImpact,
  type GovernedKind,
  type GovernedStatus,
  type GovernedTarget,
  type GovernedTransition,
  governedImpact,
  parseFeatureRef,
  reactivateGoverned,
  retireGoverned,
} from "./governed";
export {
  acknowledgeNotice,
  countOpenNotices,
  type DeprecationNoticeEntry,
  listNotices,
  type NoticeListOptions,
  noticesFor,
  ownersOf,
} from "./notices";
export { type DeprecationReport, type DeprecationTargetKind, deprecationReport } from "./report";
