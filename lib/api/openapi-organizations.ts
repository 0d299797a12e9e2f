import { z } from "zod";
import { ORGANIZATION_FIELD_NAMES, organizationRequestSchema, type LagoOrganization } from "@/lib/api/lago";
import { portalSessionInputSchema, type LagoPortalSession } from "@/lib/portal/sessions";
import { organizationInputSchema, organizationUpdateSchema } from "@/lib/tenancy/organizations";
import { THEMES } from "@/lib/theme";
import { exampleOrganization } from "./openapi-examples";
import { documentedFields, timestamp, type FieldDoc, type SameKeys } from "./openapi-fields";
import { pageOf } from "./openapi-pagination";

// The platform API's organizations in the document: the header an installation key names one with, the requests,
// the paths' ids, the answers, and the portal sessions an organization's customers open.

/** The header an installation key names its organization with (an organization's own key needs none). */
export const organizationHeaderSchema = z.object({
  "Hookline-Organization": z.string().optional().meta({
    description:
      "With an installation key, required: the organization to act in, by its `lago_id` or its `external_id` (422 without it, 404 for an unknown one). An organization's own key acts in its organization and needs none.",
    example: exampleOrganization.external_id,
  }),
});

const ORGANIZATION_FIELD_DOCS: Record<string, FieldDoc> = {
  name: { description: "The organization's name, at most 100 characters.", example: exampleOrganization.name },
  external_id: {
    description:
      "Your own id for this customer (unique, at most 255 characters, `null` for none): every route that takes an organization accepts it.",
    example: exampleOrganization.external_id,
  },
  portal_name: {
    description: "The title its embedded portal shows, at most 100 characters; `null`: the organization's name.",
    example: exampleOrganization.portal_name,
  },
  portal_accent_color: {
    description: "The portal's accent colour, `#rrggbb`; `null`: Hookline's.",
    example: exampleOrganization.portal_accent_color,
  },
};

/** The platform API's `organization` fields with the value schemas lib/tenancy/organizations.ts validates with. */
function organizationFields(values: Record<string, z.ZodType>) {
  const request = organizationRequestSchema.shape.organization;
  return documentedFields("organization", request, ORGANIZATION_FIELD_NAMES, values, ORGANIZATION_FIELD_DOCS);
}

export const organizationCreateRequestDoc = z.strictObject({
  organization: z
    .strictObject(organizationFields(organizationInputSchema.shape))
    .meta({ description: "The new organization." }),
});

export const organizationUpdateRequestDoc = z.strictObject({
  organization: z
    .strictObject(organizationFields(organizationUpdateSchema.shape))
    .meta({ description: "Only the fields sent are changed." }),
});

export const organizationIdParamsSchema = z.object({
  organization_id: z.string().min(1).max(255).meta({
    description: "The organization's `lago_id`, or its `external_id`.",
    example: exampleOrganization.external_id,
  }),
});

export const organizationRefParamsSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(255)
    .meta({ description: "The organization's id, or its `external_id`.", example: "cus_123" }),
});

export const organizationSchema = z
  .object({
    lago_id: z.string().meta({ description: "The organization's id.", example: exampleOrganization.lago_id }),
    name: z.string().meta({ description: "Its name.", example: exampleOrganization.name }),
    external_id: z
      .string()
      .nullable()
      .meta({ description: "Your id for it, if any.", example: exampleOrganization.external_id }),
    portal_name: z.string().nullable().meta({ description: "Its portal's title, if set." }),
    portal_accent_color: z.string().nullable().meta({ description: "Its portal's accent colour (`#rrggbb`), if set." }),
    created_at: timestamp("When the organization was created (UTC)."),
  })
  .meta({ id: "Organization", description: "One of the installation's organizations (a customer of your platform)." });

export const organizationAnswerSchema = z
  .object({ organization: organizationSchema })
  .meta({ id: "OrganizationAnswer", example: { organization: exampleOrganization } });

export const organizationListSchema = pageOf("organizations", organizationSchema, {
  id: "OrganizationList",
  description: "This page's organizations, oldest first.",
  example: exampleOrganization,
});

export const portalSessionRequestDoc = z
  .strictObject({
    portal_session: portalSessionInputSchema.shape.portal_session.meta({
      description: "Who the portal is for: the role, how long the link works, and the theme of the page that shows it.",
    }),
  })
  .meta({ id: "PortalSessionRequest" });

export const portalSessionAnswerSchema = z
  .object({
    portal_session: z
      .object({
        url: z.string().meta({ description: "The link to open or frame: /portal/<signed token>/developers/webhooks." }),
        expires_at: z.iso.datetime().meta({ description: "When the link stops working, even on an open page." }),
        theme: z.enum(THEMES).meta({ description: "The theme the portal shows: light, dark, or system." }),
      })
      .meta({ description: "The portal session." }),
  })
  .meta({
    id: "PortalSessionAnswer",
    example: {
      portal_session: {
        url: "https://hooks.example.com/portal/eyJhbGciOiJIUzI1NiJ9.eyJvcmciOiIuLi4ifQ.c2lnbmF0dXJl/developers/webhooks",
        expires_at: "2026-11-26T10:00:00.000Z",
        theme: "dark",
      },
    },
  }) satisfies z.ZodType<LagoPortalSession>;

const answerMatchesItsType: SameKeys<z.output<typeof organizationSchema>, LagoOrganization> = true;
void answerMatchesItsType;
