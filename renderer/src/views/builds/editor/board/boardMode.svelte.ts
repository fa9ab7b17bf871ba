// The board view's size: normal (racks above, side panel right) or wide (the
// side panel folds away and the racks shrink to a strip, so a big board such as
// the HGX A100 fits without sideways scrolling at 1280×800). Kept for the session.
// A board wider than the normal view opens wide until the person picks a mode
// with the toggle (`chosen`); from then on their choice stands.
export const boardMode = $state({ wide: false, chosen: false });
