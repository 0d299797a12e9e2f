"use client";

import Link from "next/link";
import { useOrganization } from "@/components/layout/organization";
import { WebhookIcon } from "@/components/ui/icons";
import { buttonClass } from "@/components/ui/button";

export default function EndpointNotFound() {
  const organization = useOrganization();
  return (
    <div className="rounded-xl border border-dashed border-slate-300 px-6 py-14 text-center">
      <div className="mx-auto flex size-11 items-center justify-center rounded-full bg-slate-100 text-slate-500">
        <WebhookIcon className="size-5" />
      </div>
      <h2 className="mt-3 text-sm font-semibold text-slate-900">This webhook endpoint does not exist</h2>
      <p className="mx-auto mt-1 max-w-sm text-sm text-slate-500">
        It may have been deleted, and its log with it. Pick an endpoint from the list.
      </p>
      <Link href={organization.href("/developers/webhooks")} className={buttonClass("secondary", "md", "mt-5")}>
        Back to webhooks
      </Link>
    </div>
  );
}
