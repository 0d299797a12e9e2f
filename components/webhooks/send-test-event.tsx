import { LAGO_WEBHOOK_TYPES } from "@/lib/webhooks/event-types";
import { SendTestEventDialogButton } from "./send-test-event-dialog";

/**
 * "Send test event" for one endpoint. A server component: the catalogue module uses node:crypto, so the
 * browser receives only the list of types. A client parent can render <SendTestEventDialogButton types=...> itself.
 */
export function SendTestEventButton({ endpointId }: { endpointId: string }) {
  return <SendTestEventDialogButton endpointId={endpointId} types={[...LAGO_WEBHOOK_TYPES]} />;
}
