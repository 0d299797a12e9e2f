"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireOperatorForAction } from "@/lib/auth/session";
import { parseInput, toActionResult, type ActionResult } from "@/lib/errors";
import { deleteEndpoint, revealSecret, setEndpointEnabled, updateEndpoint, type EndpointSummary } from "@/lib/webhooks/endpoints";
import { rotateEndpointSecret, type RotatedSecret } from "@/lib/webhooks/rotation";
import { disableEndpointSchema, endpointUpdateSchema, idSchema } from "@/lib/webhooks/schemas";

// Each action parses its input, then checks the session, then writes; the list and the endpoint page are refreshed.

const editSchema = endpointUpdateSchema.extend({ endpointId: idSchema });
const endpointIdSchema = z.strictObject({ endpointId: idSchema });

function refresh(endpointId: string) {
  revalidatePath("/developers/webhooks");
  revalidatePath(`/developers/webhooks/${endpointId}`);
}

/** "Edit": URL, name, signature and event types (null: every type). */
export async function updateEndpointAction(input: unknown): Promise<ActionResult<EndpointSummary>> {
  return toActionResult(async () => {
    const { endpointId, ...changes } = parseInput(editSchema, input);
    await requireOperatorForAction();
    const endpoint = await updateEndpoint(endpointId, changes);
    refresh(endpoint.id);
    return endpoint;
  });
}

/** "Disable": records the typed reason, or who disabled it. */
export async function disableEndpointAction(input: unknown): Promise<ActionResult<EndpointSummary>> {
  return toActionResult(async () => {
    const { endpointId, reason } = parseInput(disableEndpointSchema, input);
    const operator = await requireOperatorForAction();
    const endpoint = await setEndpointEnabled(endpointId, false, reason ?? `Disabled by ${operator.email}`);
    refresh(endpoint.id);
    return endpoint;
  });
}

/** "Enable": events are sent to it again (a failed run of deliveries starts counting afresh). */
export async function enableEndpointAction(input: unknown): Promise<ActionResult<EndpointSummary>> {
  return toActionResult(async () => {
    const { endpointId } = parseInput(endpointIdSchema, input);
    await requireOperatorForAction();
    const endpoint = await setEndpointEnabled(endpointId, true);
    refresh(endpoint.id);
    return endpoint;
  });
}

/** "Delete": the endpoint and its whole log. */
export async function deleteEndpointAction(input: unknown): Promise<ActionResult<EndpointSummary>> {
  return toActionResult(async () => {
    const { endpointId } = parseInput(endpointIdSchema, input);
    await requireOperatorForAction();
    const endpoint = await deleteEndpoint(endpointId);
    refresh(endpoint.id);
    return endpoint;
  });
}

/** "Reveal": the only way the signing secret leaves the server, to a signed-in operator who asked. */
export async function revealSecretAction(input: unknown): Promise<ActionResult<{ secret: string; previousSecretUntil: Date | null }>> {
  return toActionResult(async () => {
    const { endpointId } = parseInput(endpointIdSchema, input);
    await requireOperatorForAction();
    const { secret, previousSecretUntil } = await revealSecret(endpointId);
    return { secret, previousSecretUntil };
  });
}

/** "Rotate secret": the new secret is returned (the operator needs it next); the old one's end is shown. */
export async function rotateSecretAction(input: unknown): Promise<ActionResult<RotatedSecret>> {
  return toActionResult(async () => {
    const { endpointId } = parseInput(endpointIdSchema, input);
    await requireOperatorForAction();
    const rotated = await rotateEndpointSecret(endpointId);
    refresh(endpointId);
    return rotated;
  });
}
