/** A dashed panel for a list with nothing in it yet: an icon, what is missing, why it matters, and the way to add one. */
export function EmptyState({
  icon,
  title,
  children,
  action,
}: {
  icon: React.ReactNode;
  title: string;
  children: React.ReactNode;
  action: React.ReactNode;
}) {
  return (
    <div className="rounded-xl border border-dashed border-slate-300 px-6 py-14 text-center">
      <div className="mx-auto flex size-11 items-center justify-center rounded-full bg-brand-50 text-brand-600">
        {icon}
      </div>
      <h3 className="mt-3 text-sm font-semibold text-slate-900">{title}</h3>
      <p className="mx-auto mt-1 max-w-sm text-sm text-slate-500">{children}</p>
      <div className="mt-5">{action}</div>
    </div>
  );
}
