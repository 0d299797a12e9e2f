import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { publicBaseUrl } from "@/lib/api/http";
import { DEFAULT_CALLBACK_PATH, sameOriginPath } from "@/lib/auth/callback-url";
import { hasOperator } from "@/lib/auth/operators";
import { getOperator } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[] }>;
}) {
  if (!(await hasOperator())) redirect("/setup");
  if (await getOperator()) redirect(DEFAULT_CALLBACK_PATH);
  const { callbackUrl } = await searchParams;
  // Only back to this origin: an open redirect after sign-in would be a phishing aid.
  const next =
    (typeof callbackUrl === "string" && sameOriginPath(callbackUrl, publicBaseUrl(await headers()))) ||
    DEFAULT_CALLBACK_PATH;
  return <LoginForm next={next} />;
}
