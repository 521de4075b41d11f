import type { FeatureViewSpec } from "../definitions/types";
import { createViewValueCodec, type ViewValueCodec } from "./value-codec";

/** Codecs per view spec object: the serving snapshot keeps its specs, so this hits on every request. */
const codecs = new WeakMap<FeatureViewSpec, ViewValueCodec>();

export function codecFor(view: FeatureViewSpec): ViewValueCodec {
  let codec = codecs.get(view);
  if (!codec) {
    codec = createViewValueCodec(view.schema);
    codecs.set(view, codec);
  }
  return codec;
}
