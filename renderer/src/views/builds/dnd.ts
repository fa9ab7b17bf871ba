// Drag and drop in the editor: what can be carried and where it can go are
// core's (core/build/placement); the page adds only the drag payload's type.
export { NEW_RACK, type Carry, type DropTarget, type Verdict } from '#core/build/placement';

/** The MIME type the editor's drags carry (the payload itself stays in the editor). */
export const DRAG_TYPE = 'application/x-rackhive-carry';
