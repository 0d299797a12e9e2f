"use server";

import { z } from "zod";
import { revealAlertSecret } from "@/lib/alerts/settings";
import { operatorAction } from "./safe-action";

/** "Reveal": the alert webhook's signing secret, the only way it leaves the server, to an admin who asked. */
export const revealAlertSecretAction = operatorAction(z.strictObject({}), (_input, { organizationId }) =>
  revealAlertSecret(organizationId),
);
