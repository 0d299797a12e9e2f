import { redirect } from "next/navigation";
import { portalHref } from "@/lib/portal/link";

/** A portal link without a page: its webhooks (the layout has checked the token). */
export default async function PortalHome({ params }: { params: Promise<{ token: string }> }) {
  redirect(portalHref((await params).token, "/developers/webhooks"));
}
