export { deleteDataset, getDatasetOrThrow, listDatasets, saveDataset, toSavedDataset } from "./saved-datasets";
export type { CreateSavedDatasetOptions, SavedDataset, SavedDatasetResult } from "./types";
