/** deck.gl 9 draws with WebGL2; without it (old phone, GPU blocked) the screen shows a note instead of the map. */
export function isWebGl2Available(): boolean {
  try {
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('webgl2');
    // Free the probe's context now rather than when the garbage collector gets to it: browsers cap live contexts.
    context?.getExtension('WEBGL_lose_context')?.loseContext();
    return context !== null;
  } catch {
    return false;
  }
}
