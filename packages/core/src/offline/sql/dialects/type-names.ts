import { elementDtype, isArrayDtype } from "../../../definitions/dtype";
import type { Dtype, ScalarDtype } from "../../../definitions/types";

/** A dialect's name for a dtype: its scalar table, arrays through `array`. */
export function scalarTypeName(
  dtype: Dtype,
  scalars: Record<ScalarDtype, string>,
  array: (inner: string) => string,
): string {
  const inner = scalars[elementDtype(dtype)];
  return isArrayDtype(dtype) ? array(inner) : inner;
}
