/** Import of Feast's binary file registry into Pantry's canonical specs. */
export { decodeFeastRegistry } from "./feast-registry";
export { dtypeFromValueType, entityValueType, inferEntityValueTypes } from "./value-type";
export { ProtoMessage, WireFormatError, parseFields, readVarint } from "./wire";
export type { WireField, WireType } from "./wire";
