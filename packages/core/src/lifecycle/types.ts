/** The deprecation workflow's shapes: a view's lifecycle, the transitions, and who they affect. */
export type LifecycleState = "active" | "deprecated" | "retired";
export type LifecycleViewKind = "featureView" | "onDemandFeatureView";

export interface LifecycleTarget {
  project: string;
  view: string;
  /** Restricts the lookup to one kind (the CLI's `on-demand-feature-views ...`); default: either. */
  kind?: LifecycleViewKind;
  actor: string;
}

export interface DeprecateOptions extends LifecycleTarget {
  reason: string;
  replacement?: string | null;
  /** When serving stops; must be in the future. An ISO string is accepted (UTC when it has no offset). */
  sunsetAt?: Date | string | null;
}

export interface RetireOptions extends LifecycleTarget {
  /** Retire an active view without the deprecation period. */
  force?: boolean;
  /** Overrides what the deprecation recorded (a forced retirement has nothing recorded yet). */
  reason?: string | null;
  replacement?: string | null;
}

export interface ViewLifecycleStatus {
  project: string;
  kind: LifecycleViewKind;
  view: string;
  state: LifecycleState;
  reason: string | null;
  replacement: string | null;
  sunsetAt: Date | null;
}

export interface LifecycleTransition {
  from: LifecycleState;
  status: ViewLifecycleStatus;
}

export interface AffectedService {
  name: string;
  /** The view through which the service is affected: the view itself or an on-demand view reading it. */
  via: string;
  /** Consumers the service's tags name (`model`, `consumers`, ...). */
  consumers: string[];
}

export interface RecentConsumer {
  consumer: string;
  requests: number;
  lastSeen: Date;
  /** The view's features this consumer fetched. */
  features: string[];
}

export interface LifecycleImpact {
  status: ViewLifecycleStatus;
  /** On-demand views that read this view (they break with it). */
  onDemandViews: string[];
  services: AffectedService[];
  /** Consumers that fetched any of the view's features in the last `days` days, most recent first. */
  consumers: RecentConsumer[];
  days: number;
}
