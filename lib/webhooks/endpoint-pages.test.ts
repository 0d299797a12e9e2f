import { describe, expect, it } from "vitest";
import { DEFAULT_ORGANIZATION_ID, type OrgContext } from "@/lib/tenancy/context";
import { testProvider } from "@/lib/test/db";
import { emit, endpoint, withDeliveryTestDb } from "@/lib/test/delivery";
import { newOrganization } from "@/lib/test/organizations";
import { endpointListPage } from "./endpoint-list-page";
import { endpointLogPage } from "./endpoint-log-page";

// The loaders the dashboard's and the portal's endpoint pages share: what each page gets in one context or another.

const { db } = withDeliveryTestDb();
const admin: OrgContext = { organizationId: DEFAULT_ORGANIZATION_ID, role: "admin", via: "portal" };
const viewer: OrgContext = { ...admin, role: "viewer" };

describe(`the endpoint pages' loaders on ${testProvider}`, () => {
  it("an endpoint's page: its log, the event the URL names, and what the role may do", async () => {
    const ep = await endpoint("https://example.com/hooks");
    const emitted = await emit();
    const webhookId = emitted.webhooks[0].id;

    const page = await endpointLogPage(admin, ep.id, { event: webhookId, status: "pending" });
    expect(page).toMatchObject({ endpoint: { id: ep.id }, filters: { status: "pending" }, canEdit: true });
    expect(page!.page.items.map((item) => item.id)).toEqual([webhookId]);
    expect(page!.detail).toMatchObject({ id: webhookId });
    expect(page!.eventTypes).toContain("invoice.created");
    expect((await endpointLogPage(viewer, ep.id, {}))!.canEdit).toBe(false);
  });

  it("a filter that cannot be right queries nothing; an unknown event is no detail", async () => {
    const ep = await endpoint("https://example.com/hooks");
    await emit();
    const page = await endpointLogPage(admin, ep.id, { status: "nonsense", event: "not-an-id" });
    expect(page).toMatchObject({ page: { items: [], nextCursor: null }, detail: null });
  });

  it("another organization's endpoint, or none, is no page (the page answers 404)", async () => {
    const ep = await endpoint("https://example.com/hooks");
    const other = { ...admin, ...(await newOrganization(db())) };
    expect(await endpointLogPage(other, ep.id, {})).toBeNull();
    expect(await endpointLogPage(admin, "0198c0de-5a1e-7c3b-9f10-4a2b6c8d0e12", {})).toBeNull();
  });

  it("the Webhooks page: the organization's endpoints, the limit, the types and each endpoint's health", async () => {
    const ep = await endpoint("https://example.com/hooks");
    const list = await endpointListPage(admin);
    expect(list.endpoints.map((e) => e.id)).toEqual([ep.id]);
    expect(list.limit).toBeGreaterThan(0);
    expect(Object.keys(list.health)).toEqual([ep.id]);
    expect((await endpointListPage(await newOrganization(db()))).endpoints).toEqual([]);
  });
});
