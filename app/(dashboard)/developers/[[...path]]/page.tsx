import { redirect } from "next/navigation";
import { requireOperator } from "@/lib/auth/session";
import { dashboardHref } from "@/lib/tenancy/hrefs";
import { homeOrganization } from "@/lib/tenancy/session";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ path?: string[] }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** A URL from before organizations (/developers/...): the same page, query included, in the operator's organization. */
export default async function OldDeveloperUrl({ params, searchParams }: Props) {
  const operator = await requireOperator();
  const [{ path = [] }, search] = await Promise.all([params, searchParams]);
  const organizationId = await homeOrganization(operator.id);
  if (!organizationId) redirect("/");
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(search))
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) query.append(key, one);
  const rest = path.map(encodeURIComponent).join("/");
  const target = dashboardHref(organizationId, `/developers${rest ? `/${rest}` : ""}`);
  redirect(query.size ? `${target}?${query}` : target);
}
