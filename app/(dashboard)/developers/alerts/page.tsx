import type { Metadata } from "next";
import { AlertHistory } from "@/components/alerts/alert-history";
import { AlertSettingsForm } from "@/components/alerts/alert-settings-form";
import { listAlerts } from "@/lib/alerts/history";
import { getAlertSettings } from "@/lib/alerts/settings";
import { requireOperator } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Alerts" };
export const dynamic = "force-dynamic";

export default async function AlertsPage() {
  await requireOperator();
  const [settings, alerts] = await Promise.all([getAlertSettings(), listAlerts()]);
  return (
    <div className="space-y-10">
      <AlertSettingsForm settings={settings} />
      <AlertHistory alerts={alerts} />
    </div>
  );
}
