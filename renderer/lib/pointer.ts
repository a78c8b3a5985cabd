/**
 * Keeps a drag's pointer events coming to the element that started it, even outside it.
 * Capture throws for a pointer that is no longer active (released before the handler ran,
 * or a synthetic event); the drag still works without it while the pointer stays inside.
 */
export function capture(element: Element, pointerId: number): void {
  try {
    element.setPointerCapture(pointerId);
  } catch {
    // Not capturing is harmless here: see above.
  }
}
