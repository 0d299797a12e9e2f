// Every dashboard URL names its organization: /o/<organizationId>/developers/... Safe in the browser (no imports).

/** The dashboard's home page in an organization. */
export const ORGANIZATION_HOME = "/developers/webhooks";

/** A dashboard page of an organization: `path` as before organizations ("/developers/webhooks/…"), under /o/<id>. */
export function dashboardHref(organizationId: string, path: string = ORGANIZATION_HOME): string {
  return `/o/${encodeURIComponent(organizationId)}${path.startsWith("/") ? path : `/${path}`}`;
}

/** The dashboard's JSON routes of an organization: /api/dashboard/o/<id>/… */
export function dashboardApiHref(organizationId: string, path: string): string {
  return `/api/dashboard/o/${encodeURIComponent(organizationId)}${path.startsWith("/") ? path : `/${path}`}`;
}
