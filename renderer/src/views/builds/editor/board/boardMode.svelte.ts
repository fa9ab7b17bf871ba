// The board view's size: normal (racks above, side panel right) or wide (the
// side panel folds away and the racks shrink to a strip, so a big board such as
// the HGX A100 fits without sideways scrolling at 1280×800). Kept for the session.
export const boardMode = $state({ wide: false });
