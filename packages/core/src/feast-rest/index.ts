export {
  type FeastExportInput,
  type FeastProjectJson,
  type FeastRelationship,
  feastValueType,
  toFeastProjectJson,
  toFeastRegistryDump,
} from "./feast-json";
export { type FeastRestAnswer, feastProjectsList, feastRestRoute } from "./routes";
export { feastProjectJsonOf } from "./read";
