export interface FormProps<T> {
  project: string;
  intent: "create" | "update";
  initial: T;
  /** Offer Delete (edit page of an object created in the console). */
  deletable?: boolean;
}
