import type { Metadata } from "next";
import { AlertHistory } from "@/components/alerts/alert-history";
import { AlertSettingsForm } from "@/components/alerts/alert-settings-form";
import { listAlerts } from "@/lib/alerts/history";
import { getAlertSettings } from "@/lib/alerts/settings";
import { requireMember } from "@/lib/tenancy/session";

export const metadata: Metadata = { title: "Alerts" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ organizationId: string }> };

/** Where this organization's alerts go, and the alerts sent. */
export default async function AlertsPage({ params }: Props) {
  const { organizationId } = await requireMember((await params).organizationId);
  const [settings, alerts] = await Promise.all([getAlertSettings(organizationId), listAlerts(organizationId)]);
  return (
    <div className="space-y-10">
      <AlertSettingsForm settings={settings} />
      <AlertHistory alerts={alerts} />
    </div>
  );
}
