/** A left click with no modifier: a link may handle it in place; any other click opens the link as the browser does. */
export const plainClick = (event: React.MouseEvent) =>
  event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
