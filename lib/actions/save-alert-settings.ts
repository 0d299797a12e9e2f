"use server";

import { alertSettingsInputSchema, storeAlertSettings } from "@/lib/alerts/settings";
import { operatorAction } from "./safe-action";

/** "Save" on the Alerts page: where this organization's alerts go. */
export const saveAlertSettingsAction = operatorAction(alertSettingsInputSchema, (input) => storeAlertSettings(input), {
  revalidate: () => ["/developers/alerts"],
});
