"use client";

import { useOrganization } from "@/components/layout/organization";
import { ChevronDownIcon } from "@/components/ui/icons";
import { Menu } from "@/components/ui/menu";
import type { LogFilters } from "@/lib/webhooks/log-filters";
import { exportHref } from "./log-api";

/**
 * "Export": the log as it is filtered now, as CSV or NDJSON. The server streams it (app/api/dashboard/o/[organizationId]/webhooks/export)
 * and the browser saves it; `endpointId` null exports every endpoint's log (All events).
 */
export function ExportMenu({ filters, endpointId }: { filters: LogFilters; endpointId: string | null }) {
  const organization = useOrganization();
  // A download is a plain navigation, which cannot carry the portal's token header: the portal has no export.
  if (organization.portalToken) return null;
  const download = (format: "csv" | "ndjson") => () => {
    // An attachment: the browser saves it and the page stays.
    window.location.assign(exportHref(organization.id, format, filters, endpointId));
  };
  return (
    <Menu
      label="Export the filtered log"
      button={
        <>
          Export
          <ChevronDownIcon className="size-3.5 text-slate-500" />
        </>
      }
      items={[
        { label: "CSV (spreadsheets)", onSelect: download("csv") },
        { label: "NDJSON (one JSON per line)", onSelect: download("ndjson") },
      ]}
    />
  );
}
