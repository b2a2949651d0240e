/** Registers a custom element once, and only where there is a registry (not on a server that imports the module). */
export function define(tag: string, element: CustomElementConstructor): void {
  // A second copy of the script on the page finds the tag taken and leaves the first definition alone.
  if (typeof customElements !== 'undefined' && !customElements.get(tag)) {
    customElements.define(tag, element);
  }
}
