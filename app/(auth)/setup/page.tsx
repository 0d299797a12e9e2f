import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SetupForm } from "@/components/auth/setup-form";
import { hasOperator } from "@/lib/auth/operators";

export const metadata: Metadata = { title: "Create the admin account" };
export const dynamic = "force-dynamic";

export default async function SetupPage() {
  // One-shot: once an operator exists, this page only points to sign-in.
  if (await hasOperator()) redirect("/login");
  return <SetupForm />;
}
