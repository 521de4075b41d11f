/** Reading the page the way a user (or a screen reader) does, for component tests. */

/** The text that describes a control: its field's message or hint (aria-describedby). */
export function descriptionOf(control: HTMLElement): string | null {
  const ids = control.getAttribute("aria-describedby");
  if (!ids) return null;
  return ids
    .split(/\s+/)
    .map((id) => document.getElementById(id)?.textContent ?? "")
    .join(" ");
}

/** A promise the test settles when it wants: to look at the page while a request is in flight. */
export function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}
