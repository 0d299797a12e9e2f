import { ThemeToggle } from "@/components/layout/theme";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-b from-slate-50 to-slate-100 px-4 py-8 dark:from-white dark:to-slate-50">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex items-center justify-center gap-2.5">
          <img src="/icon.svg" alt="" className="size-9" />
          <span className="text-xl font-semibold tracking-tight text-slate-900">Hookline</span>
        </div>
        <div className="rounded-2xl bg-white p-6 shadow-sm ring-1 ring-slate-200 sm:p-8 dark:bg-slate-50">
          {children}
        </div>
        <ThemeToggle className="mx-auto mt-6 w-60" />
      </div>
    </main>
  );
}
