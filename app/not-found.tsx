import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Page not found" };

export default async function NotFound() {
  // Rendered per request, not prerendered: Next puts the request's CSP nonce on the page's scripts only then.
  await connection();
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 text-center">
      <p className="text-sm font-semibold text-brand-700">404</p>
      <h1 className="mt-2 text-xl font-semibold text-slate-900">This page does not exist</h1>
      <Link href="/" className={buttonClass("secondary", "md", "mt-6")}>
        Back to webhooks
      </Link>
    </main>
  );
}
