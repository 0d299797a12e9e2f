// Where the organization switcher goes: the same page in the other organization, where that page exists there.
// Safe in the browser (no imports).

/** The pages every organization has, most specific first; a record's page (an endpoint, an event) is not one. */
const ORGANIZATION_PAGES = [
  "/developers/webhooks/events",
  "/developers/webhooks",
  "/developers/api-keys",
  "/developers/api-reference",
  "/members",
] as const;

/**
 * The same page in organization `to`: `/o/A/developers/api-keys` -> `/o/B/developers/api-keys`; a page of a record
 * that belongs to A (`/o/A/developers/webhooks/<endpoint>`) becomes its list in B; anything else, B's home.
 */
export function switchOrganizationHref(pathname: string, to: string): string {
  const rest = pathname.replace(/^\/o\/[^/]+/, "");
  const page = ORGANIZATION_PAGES.find((candidate) => rest === candidate || rest.startsWith(`${candidate}/`));
  return `/o/${encodeURIComponent(to)}${page ?? "/developers/webhooks"}`;
}
