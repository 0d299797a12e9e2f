"use server";

import { alertSettingsInputSchema, storeAlertSettings } from "@/lib/alerts/settings";
import { dashboardHref } from "@/lib/tenancy/hrefs";
import { operatorAction } from "./safe-action";

/** "Save" on the Alerts page: where this organization's alerts go. */
export const saveAlertSettingsAction = operatorAction(
  alertSettingsInputSchema,
  (input, { organizationId }) => storeAlertSettings(input, organizationId),
  { revalidate: (_input, _data, { organizationId }) => [dashboardHref(organizationId, "/developers/alerts")] },
);
