"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useAction } from "@/components/hooks/use-action";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";
import { MoreIcon, PauseIcon, PencilIcon, PlayIcon, TrashIcon } from "@/components/ui/icons";
import { Menu } from "@/components/ui/menu";
import { deleteEndpointAction } from "@/lib/actions/delete-endpoint";
import { disableEndpointAction } from "@/lib/actions/disable-endpoint";
import { enableEndpointAction } from "@/lib/actions/enable-endpoint";
import { EditEndpointDialog, type EditableEndpoint } from "./edit-endpoint-dialog";
import { useOrganization } from "@/components/layout/organization";

export type ManagedEndpoint = EditableEndpoint & { enabled: boolean };

/** The endpoint page's "Edit" button and "More" menu (disable or enable, delete), with their dialogs. */
export function EndpointActions({
  endpoint,
  eventTypes,
  operatorEmail,
}: {
  endpoint: ManagedEndpoint;
  eventTypes: string[];
  operatorEmail: string;
}) {
  const [dialog, setDialog] = useState<"edit" | "disable" | "delete" | null>(null);
  const enabling = useEnable();
  const close = () => setDialog(null);

  return (
    <>
      <Button variant="secondary" onClick={() => setDialog("edit")}>
        <PencilIcon />
        Edit
      </Button>
      <Menu
        label="More actions"
        button={<MoreIcon className="size-5" />}
        items={[
          endpoint.enabled
            ? { label: "Disable endpoint", icon: <PauseIcon />, onSelect: () => setDialog("disable") }
            : {
                label: "Enable endpoint",
                icon: <PlayIcon />,
                onSelect: () => enabling.run({ endpointId: endpoint.id }),
                disabled: enabling.pending,
              },
          { label: "Delete endpoint", icon: <TrashIcon />, tone: "danger", onSelect: () => setDialog("delete") },
        ]}
      />
      <EditEndpointDialog endpoint={endpoint} eventTypes={eventTypes} open={dialog === "edit"} onClose={close} />
      <DisableEndpointDialog
        endpointId={endpoint.id}
        operatorEmail={operatorEmail}
        open={dialog === "disable"}
        onClose={close}
      />
      <DeleteEndpointDialog endpoint={endpoint} open={dialog === "delete"} onClose={close} />
    </>
  );
}

/** "Enable", from the menu or the disabled banner: a lone button, so a failure is toasted. */
function useEnable() {
  return useAction(enableEndpointAction, {
    errors: "toast",
    success: "Endpoint enabled: new events are sent to it again",
  });
}

/** One click to send events again; for the disabled banner. */
export function EnableEndpointButton({ endpointId }: { endpointId: string }) {
  const { run, pending } = useEnable();
  return (
    <Button size="sm" disabled={pending} onClick={() => run({ endpointId })}>
      <PlayIcon />
      {pending ? "Enabling…" : "Enable endpoint"}
    </Button>
  );
}

function DisableEndpointDialog({
  endpointId,
  operatorEmail,
  open,
  onClose,
}: {
  endpointId: string;
  operatorEmail: string;
  open: boolean;
  onClose: () => void;
}) {
  const disabling = useAction(disableEndpointAction, { success: "Endpoint disabled", onSuccess: () => close() });
  const { error, pending } = disabling;

  function close() {
    disabling.reset();
    onClose();
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    disabling.run({ endpointId, reason: String(new FormData(event.currentTarget).get("reason") ?? "") });
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title="Disable this endpoint?"
      description="Hookline stops sending to it until you enable it again."
    >
      <form onSubmit={onSubmit} className="space-y-5">
        <FormError message={error} />
        <ul className="space-y-1.5 text-sm text-slate-600">
          <li className="flex gap-2">
            <span aria-hidden className="mt-2 size-1 shrink-0 rounded-full bg-slate-400" />
            New events are not sent to this endpoint while it is disabled.
          </li>
          <li className="flex gap-2">
            <span aria-hidden className="mt-2 size-1 shrink-0 rounded-full bg-slate-400" />
            Events already waiting for it are marked failed with the reason below, so you can retry them after enabling
            it.
          </li>
        </ul>
        <div>
          <label htmlFor="disable-reason" className="mb-1.5 block text-sm font-medium text-slate-800">
            Reason <span className="font-normal text-slate-500">(optional)</span>
          </label>
          <textarea
            id="disable-reason"
            name="reason"
            rows={2}
            maxLength={200}
            placeholder={`Disabled by ${operatorEmail}`}
            className="block w-full resize-none rounded-lg border-0 bg-white px-3 py-2 text-sm text-slate-900 ring-1 ring-slate-300 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-brand-500 focus:outline-none focus:ring-inset"
          />
          <p className="mt-1.5 text-xs text-slate-500">
            Shown on the endpoint, in the list and on each event it stops. Left empty, it records who disabled it.
          </p>
        </div>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending}>
            <PauseIcon />
            {pending ? "Disabling…" : "Disable endpoint"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function DeleteEndpointDialog({
  endpoint,
  open,
  onClose,
}: {
  endpoint: ManagedEndpoint;
  open: boolean;
  onClose: () => void;
}) {
  const router = useRouter();
  const organization = useOrganization();
  const deleting = useAction(deleteEndpointAction, {
    success: `Endpoint deleted: ${endpoint.url}`,
    onSuccess: () => router.push(organization.href("/developers/webhooks")),
  });
  const { error, pending } = deleting;

  function close() {
    deleting.reset();
    onClose();
  }

  function remove() {
    deleting.run({ endpointId: endpoint.id });
  }

  return (
    <Dialog open={open} onClose={close} title="Delete this endpoint?">
      <div className="space-y-5">
        <FormError message={error} />
        <div className="rounded-lg bg-slate-50 px-3 py-2 font-mono text-[13px] break-all text-slate-800 ring-1 ring-slate-200 ring-inset">
          {endpoint.url}
        </div>
        <p className="text-sm text-slate-600">
          Its log goes with it: every event sent to this endpoint, with its attempts and responses, is deleted,
          including events that are still waiting to be sent. This cannot be undone.
        </p>
        {endpoint.enabled && (
          <p className="text-sm text-slate-600">
            To stop deliveries but keep the log, <span className="font-medium text-slate-800">disable</span> the
            endpoint instead.
          </p>
        )}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button variant="danger" onClick={remove} disabled={pending}>
            <TrashIcon />
            {pending ? "Deleting…" : "Delete endpoint and its log"}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
