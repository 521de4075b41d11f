export { findViewLifecycle, listLifecycles } from "./find-view";
export { lifecycleImpact, DEFAULT_IMPACT_DAYS } from "./impact";
export { deprecateView, reactivateView, retireView } from "./transitions";
export type * from "./types";
