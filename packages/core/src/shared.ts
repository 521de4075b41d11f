/**
 * @pantry/core/shared: what the browser may import. Spec types, dtypes, object kinds, ttl and
 * timestamp parsing, roles and the error class: pure values with no Node import (checked by
 * `pnpm lint`). Client components and the form schemas of @pantry/api import this, never ".".
 */
export {
  type DataSourceSpec,
  type Dtype,
  type EntitySpec,
  type FeatureServiceSpec,
  type FeatureViewSpec,
  type FieldSpec,
  type FieldValidation,
  type FileSourceSpec,
  OBJECT_KINDS,
  type ObjectKind,
  type ObjectOrigin,
  type OnDemandFeatureViewSpec,
  type OnDemandSourceSpec,
  type PostgresSourceSpec,
  type ProjectionSpec,
  type ProjectSpec,
  type PushSourceSpec,
  type RegistryObjectSpec,
  type RepoContents,
  type RequestSourceSpec,
  SCALAR_DTYPES,
  type ScalarDtype,
  type Tags,
  type ValidationFailureMode,
  type ValueType,
} from "./definitions/types";
export {
  describeRules,
  MAX_ALLOWED_VALUES,
  parseFieldValidation,
  parseValidationFailureMode,
  VALIDATION_RULES,
  type ValidationRule,
} from "./definitions/validation";
export { formatTtl, parseTtl } from "./definitions/ttl";
export { parseTimestampArgument } from "./materialization/windows";
export {
  ACTION_ROLES,
  type Action,
  isRole,
  type Principal,
  ROLES,
  type Role,
  roleAllows,
  roleNeeded,
} from "./auth/roles";
export { isPantryError, PantryError, type PantryErrorCode } from "./errors";
export { type RedactOptions, redactSecrets, redactValue } from "./redact";
export { normalizeBasePath } from "./deploy/base-path";
