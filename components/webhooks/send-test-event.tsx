import { LAGO_WEBHOOK_TYPES } from "@/lib/webhooks/event-types";
import { SendTestEventDialogButton } from "./send-test-event-dialog";

/** "Send test event" for one endpoint, offering the catalogue's types (a client parent can render the dialog button itself). */
export function SendTestEventButton({ endpointId }: { endpointId: string }) {
  return <SendTestEventDialogButton endpointId={endpointId} types={[...LAGO_WEBHOOK_TYPES]} />;
}
