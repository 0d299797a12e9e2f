"use client";

import { createContext, useCallback, useContext, useState } from "react";
import { AlertIcon, CheckIcon } from "./icons";

type Toast = { id: number; tone: "success" | "error"; message: string };
type ToastApi = { success(message: string): void; error(message: string): void };

const ToastContext = createContext<ToastApi | null>(null);

/** Announces outcomes politely to screen readers and shows them for a few seconds. */
export function Toaster({ children }: { children: React.ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const push = useCallback((tone: Toast["tone"], message: string) => {
    const id = Date.now() + Math.random();
    setToasts((current) => [...current, { id, tone, message }]);
    setTimeout(() => setToasts((current) => current.filter((toast) => toast.id !== id)), 6000);
  }, []);
  const [api] = useState<ToastApi>(() => ({ success: (m) => push("success", m), error: (m) => push("error", m) }));

  return (
    <ToastContext.Provider value={api}>
      {children}
      <div
        role="status"
        aria-live="polite"
        className="pointer-events-none fixed bottom-4 right-4 z-50 flex w-96 max-w-[calc(100vw-2rem)] flex-col gap-2"
      >
        {toasts.map((toast) => (
          <div
            key={toast.id}
            className={`pointer-events-auto flex items-start gap-2 rounded-xl px-4 py-3 text-sm shadow-lg ring-1 dark:bg-slate-50 ${
              toast.tone === "success"
                ? "bg-white text-slate-800 ring-emerald-200"
                : "bg-white text-slate-800 ring-red-200"
            }`}
          >
            {toast.tone === "success" ? (
              <CheckIcon className="mt-0.5 size-4 shrink-0 text-emerald-600" />
            ) : (
              <AlertIcon className="mt-0.5 size-4 shrink-0 text-red-600" />
            )}
            <span className="min-w-0 [overflow-wrap:anywhere]">{toast.message}</span>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error("useToast() outside <Toaster>");
  return api;
}
