import { z } from "zod";
import { lagoErrorText, type LagoErrorBody } from "@/lib/api/http";
import type { SameKeys } from "./openapi-fields";

// Lago's errors (lib/api/http.ts): the body, and an example for each status the API answers.

export const lagoErrorSchema = z
  .object({
    status: z.number().int().meta({ description: "The HTTP status, repeated." }),
    error: z.string().meta({ description: "The status's reason phrase." }),
    code: z
      .string()
      .meta({ description: "What went wrong, for programs: `invalid_api_key`, `webhook_endpoint_not_found`, ..." }),
    error_details: z
      .record(z.string(), z.array(z.string()))
      .optional()
      .meta({ description: "422 only: each field (Lago's names; `base` for the whole) and its messages." }),
    message: z.string().optional().meta({ description: "What went wrong, for people." }),
  })
  .meta({ id: "LagoError", description: "Lago's error body." });

// `error` as lagoError() writes it.
const error = (
  status: number,
  code: string,
  extra: Pick<LagoErrorBody, "message" | "error_details">,
): LagoErrorBody => ({
  status,
  error: lagoErrorText(status),
  code,
  ...extra,
});

/** The errors the API answers, each with an example of what lib/api/http.ts and the routes send. */
export const ERROR_EXAMPLES = {
  400: {
    description: "The body is not JSON (or not UTF-8).",
    example: error(400, "invalid_json", { message: "The request body is empty; send a JSON object." }),
  },
  401: {
    description: "No API key, or a wrong or revoked one.",
    example: error(401, "invalid_api_key", { message: "This API key is wrong or has been revoked." }),
  },
  403: {
    description: "An organization's API key on a route that takes an installation key.",
    example: error(403, "installation_key_required", {
      message:
        "This route takes an installation API key (HOOKLINE_INSTALLATION_API_KEY, or one the owner created); an organization's key acts inside its organization only.",
    }),
  },
  404: {
    description: "No such resource.",
    example: error(404, "webhook_endpoint_not_found", { message: "This webhook endpoint does not exist." }),
  },
  405: {
    description: "The resource's state does not allow it.",
    example: error(405, "invalid_status", {
      message: "Only a webhook whose last attempt failed can be retried; it was delivered.",
    }),
  },
  413: {
    description: "The body is larger than `HOOKLINE_MAX_BODY_BYTES` (256 KB by default).",
    example: error(413, "request_too_large", { message: "The request body must be at most 262144 bytes." }),
  },
  422: {
    description: "A field is missing, unknown or invalid; `error_details` names each.",
    example: error(422, "validation_errors", {
      error_details: { webhook_url: ["The webhook URL must be a valid http:// or https:// address."] },
    }),
  },
} satisfies Record<number, { description: string; example: LagoErrorBody }>;

export type ErrorStatus = keyof typeof ERROR_EXAMPLES;

const answerMatchesItsType: SameKeys<z.output<typeof lagoErrorSchema>, LagoErrorBody> = true;
void answerMatchesItsType;
