import { describe, expect, it } from "vitest";
import { switchOrganizationHref } from "./switch-href";

describe("the organization switcher's links", () => {
  it("keep the page where the other organization has it, and drop what belongs to this one", () => {
    const cases: [string, string][] = [
      ["/o/a/developers/webhooks", "/o/b/developers/webhooks"],
      ["/o/a/developers/webhooks/0198-endpoint", "/o/b/developers/webhooks"],
      ["/o/a/developers/webhooks/events", "/o/b/developers/webhooks/events"],
      ["/o/a/developers/api-keys", "/o/b/developers/api-keys"],
      ["/o/a/developers/api-reference", "/o/b/developers/api-reference"],
      ["/o/a/members", "/o/b/members"],
      ["/organizations", "/o/b/developers/webhooks"],
      ["/account", "/o/b/developers/webhooks"],
      ["/o/a/developers/webhooksx", "/o/b/developers/webhooks"],
    ];
    for (const [from, to] of cases) expect(switchOrganizationHref(from, "b")).toBe(to);
  });
});
