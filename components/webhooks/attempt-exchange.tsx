"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useOrganization } from "@/components/layout/organization";
import { Button } from "@/components/ui/button";
import { CheckIcon, CopyIcon } from "@/components/ui/icons";
import { JsonView } from "@/components/ui/json-view";
import { Skeleton, SkeletonGroup } from "@/components/ui/skeleton";
import type { HeaderList } from "@/lib/webhooks/http";
import { curlCommand } from "./copy-as-curl";
import { fetchAttemptDetail, logKeys } from "./log-api";

const bytes = (n: number) => `${n.toLocaleString()} ${n === 1 ? "byte" : "bytes"}`;

/**
 * One attempt opened: the request as sent (URL, headers with the signatures, the body's size) with "Copy as curl",
 * then the answer (headers as kept, body). Loaded on opening: headers are kilobytes, and an event has many attempts.
 */
export function AttemptExchange({
  endpointId,
  webhookId,
  attemptId,
  payload,
  statusLabel,
}: {
  endpointId: string;
  webhookId: string;
  attemptId: string;
  /** The event's body: every attempt sends it byte for byte. */
  payload: string;
  /** "500 Internal Server Error", or the connection error. */
  statusLabel: string;
}) {
  const organization = useOrganization();
  const query = useQuery({
    queryKey: logKeys.attempt(endpointId, webhookId, attemptId),
    queryFn: ({ signal }) => fetchAttemptDetail(organization.id, endpointId, webhookId, attemptId, signal),
    // An attempt never changes once recorded.
    staleTime: Infinity,
  });
  if (query.isError) {
    return (
      <p role="alert" className="px-4 py-3 text-sm text-red-700">
        The attempt could not be loaded: {query.error.message}{" "}
        <button type="button" className="font-medium underline" onClick={() => query.refetch()}>
          Try again
        </button>
      </p>
    );
  }
  if (!query.data) {
    return (
      <SkeletonGroup label="Loading the attempt" className="space-y-2 px-4 py-3">
        <Skeleton className="h-4 w-2/3" />
        <Skeleton className="h-16 w-full" />
      </SkeletonGroup>
    );
  }
  const attempt = query.data;
  const size = new TextEncoder().encode(payload).length;
  return (
    <div className="space-y-4 px-4 py-3">
      <section aria-label="Request">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h4 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Request</h4>
          {attempt.requestUrl && attempt.requestHeaders && (
            <CopyCurlButton command={curlCommand(attempt.requestUrl, attempt.requestHeaders, payload)} />
          )}
        </div>
        {attempt.requestUrl ? (
          <>
            <p className="mt-1 font-mono text-[12.5px] break-all text-slate-800">
              <span className="font-semibold">POST</span> {attempt.requestUrl}
            </p>
            {attempt.requestHeaders && <HeaderTable headers={attempt.requestHeaders} label="Request headers" />}
            <p className="mt-1.5 text-xs text-slate-500">Body: {bytes(size)}, the payload above.</p>
          </>
        ) : (
          <p className="mt-1 text-sm text-slate-500">
            This attempt was recorded before requests were kept, or was never sent.
          </p>
        )}
      </section>
      <section aria-label="Response">
        <h4 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Response</h4>
        <p className="mt-1 font-mono text-[12.5px] text-slate-800">{statusLabel}</p>
        {attempt.responseHeaders ? (
          <>
            <HeaderTable headers={attempt.responseHeaders} label="Response headers" />
            {attempt.responseHeadersTruncated && (
              <p className="mt-1 text-xs text-slate-500">
                Headers past 50, 8 KB in all or 1,024 characters a value were left out.
              </p>
            )}
          </>
        ) : (
          <p className="mt-1 text-xs text-slate-500">No response headers.</p>
        )}
        {attempt.responseBody ? (
          <div className="mt-2">
            <JsonView value={attempt.responseBody} label="Response body" />
            {attempt.responseTruncated && (
              <p className="mt-1 text-xs text-slate-500">Response body truncated at the size limit (64 KB).</p>
            )}
          </div>
        ) : (
          attempt.responseHeaders && <p className="mt-1 text-xs text-slate-500">Empty body.</p>
        )}
      </section>
    </div>
  );
}

function HeaderTable({ headers, label }: { headers: HeaderList; label: string }) {
  return (
    <table aria-label={label} className="mt-2 w-full table-fixed text-left font-mono text-[12px]">
      <tbody className="divide-y divide-slate-100">
        {headers.map(([name, value], i) => (
          <tr key={`${name}-${i}`} className="align-top">
            <th scope="row" className="w-2/5 py-1 pr-3 font-medium break-words text-slate-600">
              {name}
            </th>
            <td className="py-1 break-all text-slate-800">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CopyCurlButton({ command }: { command: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      size="sm"
      variant="secondary"
      title="The same URL, headers and body, to replay this request from a shell"
      onClick={async () => {
        await navigator.clipboard?.writeText(command).catch(() => undefined);
        setCopied(true);
        setTimeout(() => setCopied(false), 1500);
      }}
    >
      {copied ? <CheckIcon className="size-3.5 text-emerald-600" /> : <CopyIcon className="size-3.5" />}
      {copied ? "Copied" : "Copy as curl"}
      <span className="sr-only" aria-live="polite">
        {copied ? "curl command copied" : ""}
      </span>
    </Button>
  );
}
