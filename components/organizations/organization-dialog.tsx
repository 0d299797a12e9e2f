"use client";

import { useState } from "react";
import { useAction } from "@/components/hooks/use-action";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormError, TextField } from "@/components/ui/field";
import { createOrganizationAction } from "@/lib/actions/create-organization";
import { updateOrganizationAction } from "@/lib/actions/update-organization";
import type { OrganizationSummary } from "@/lib/tenancy/organizations";

const HEX = /^#[0-9a-fA-F]{6}$/;

/** Create an organization, or change one: name, the SaaS's external id, the portal's name and accent colour. */
export function OrganizationDialog({
  organization,
  open,
  onClose,
}: {
  organization: OrganizationSummary | null;
  open: boolean;
  onClose: () => void;
}) {
  const [accent, setAccent] = useState(organization?.portalAccentColor ?? "");
  const creating = useAction(createOrganizationAction, {
    success: (created) => `${created.name} created.`,
    onSuccess: () => close(),
  });
  const updating = useAction(updateOrganizationAction, {
    success: (updated) => `${updated.name} saved.`,
    onSuccess: () => close(),
  });
  const action = organization ? updating : creating;
  const { error, fieldErrors, pending } = action;

  function close() {
    creating.reset();
    updating.reset();
    onClose();
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const optional = (name: string) => String(form.get(name) ?? "").trim() || null;
    const fields = {
      name: String(form.get("name") ?? ""),
      externalId: optional("externalId"),
      portalName: optional("portalName"),
      portalAccentColor: optional("portalAccentColor"),
    };
    if (organization) updating.run({ id: organization.id, ...fields });
    else creating.run(fields);
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title={organization ? `Edit ${organization.name}` : "Create organization"}
      description={
        organization
          ? undefined
          : "An organization is one of your customers: its own endpoints, logs, keys and members."
      }
    >
      <form onSubmit={onSubmit} className="space-y-5" noValidate>
        <FormError message={error} />
        <TextField
          label="Name"
          name="name"
          defaultValue={organization?.name}
          placeholder="Acme Inc."
          maxLength={100}
          required
          autoFocus
          error={fieldErrors.name?.[0]}
        />
        <TextField
          label="External id (optional)"
          name="externalId"
          defaultValue={organization?.externalId ?? ""}
          placeholder="cus_123"
          maxLength={255}
          hint="Your own id for this customer: the API accepts it wherever it takes the organization's id."
          error={fieldErrors.externalId?.[0]}
        />
        <TextField
          label="Portal name (optional)"
          name="portalName"
          defaultValue={organization?.portalName ?? ""}
          placeholder="Acme webhooks"
          maxLength={100}
          hint="The title of the embedded portal; the organization's name when empty."
          error={fieldErrors.portalName?.[0]}
        />
        <div>
          <label htmlFor="portal-accent" className="mb-1.5 block text-sm font-medium text-slate-800">
            Portal accent colour (optional)
          </label>
          <div className="flex items-center gap-2">
            <input
              type="color"
              aria-label="Pick the accent colour"
              value={HEX.test(accent) ? accent : "#3f49c1"}
              onChange={(event) => setAccent(event.target.value)}
              className="h-9 w-11 shrink-0 cursor-pointer rounded-md bg-white p-0.5 ring-1 ring-slate-300 ring-inset"
            />
            <input
              id="portal-accent"
              name="portalAccentColor"
              value={accent}
              onChange={(event) => setAccent(event.target.value)}
              placeholder="#3f49c1"
              maxLength={7}
              aria-invalid={fieldErrors.portalAccentColor ? true : undefined}
              aria-describedby="portal-accent-hint"
              className="block w-full rounded-lg border-0 bg-white px-3 py-2 font-mono text-sm text-slate-900 ring-1 ring-slate-300 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-brand-500 focus:outline-none aria-[invalid=true]:ring-red-500"
            />
          </div>
          <p
            id="portal-accent-hint"
            className={
              fieldErrors.portalAccentColor
                ? "mt-1.5 text-xs font-medium text-red-600"
                : "mt-1.5 text-xs text-slate-500"
            }
          >
            {fieldErrors.portalAccentColor?.[0] ??
              "Buttons and links of the portal take its hue, at a lightness that keeps them readable."}
          </p>
        </div>
        <div className="flex justify-end gap-2 pt-1">
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : organization ? "Save" : "Create organization"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
