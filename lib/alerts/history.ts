import { getDb } from "@/lib/db/client";

export type AlertView = {
  id: string;
  kind: string;
  endpointId: string | null;
  title: string;
  message: string;
  emailResult: string | null;
  webhookResult: string | null;
  /** Still open: the incident goes on (no second alert until it is resolved). */
  open: boolean;
  createdAt: Date;
  resolvedAt: Date | null;
};

export const ALERT_HISTORY_LIMIT = 100;

/** The organization's latest alerts, newest first. */
export async function listAlerts(organizationId: string): Promise<AlertView[]> {
  const rows = await getDb().alert.findMany({
    where: { organizationId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: ALERT_HISTORY_LIMIT,
    select: {
      id: true,
      kind: true,
      endpointId: true,
      title: true,
      message: true,
      emailResult: true,
      webhookResult: true,
      openKey: true,
      createdAt: true,
      resolvedAt: true,
    },
  });
  return rows.map(({ openKey, ...row }) => ({ ...row, open: openKey !== null }));
}
