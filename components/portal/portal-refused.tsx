import { AlertIcon } from "@/components/ui/icons";

/** What an expired, tampered or ended portal link shows instead of the portal: why, and what to do. */
export function PortalRefused({ title, message }: { title: string; message: string }) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-white px-4 py-10">
      <div role="alert" className="w-full max-w-md rounded-2xl p-6 text-center ring-1 ring-slate-200">
        <div className="mx-auto flex size-11 items-center justify-center rounded-full bg-amber-50 text-amber-700">
          <AlertIcon className="size-5" />
        </div>
        <h1 className="mt-3 text-base font-semibold text-slate-900">{title}</h1>
        <p className="mt-1 text-sm text-slate-600">{message}</p>
      </div>
    </main>
  );
}
