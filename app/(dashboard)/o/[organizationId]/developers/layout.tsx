import { DeveloperTabs } from "@/components/layout/developer-tabs";

export default function DevelopersLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="mx-auto max-w-6xl px-4 py-6 sm:px-8 sm:py-8">
      <header className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Developers</h1>
        <p className="mt-1 text-sm text-slate-500">
          Send events to your systems, and let your systems send events to Hookline.
        </p>
      </header>
      <DeveloperTabs />
      <div className="pt-6">{children}</div>
    </div>
  );
}
