// The Alerts page's form as each role sees it: an admin gets Save and Reveal, a viewer reads the settings with no
// control that changes anything (the server refuses both actions to a viewer as well: lib/actions/viewer-role.test.ts).
import { renderToStaticMarkup } from "react-dom/server";
import { jsx } from "react/jsx-runtime";
import { describe, expect, it, vi } from "vitest";
import { OrganizationProvider } from "@/components/layout/organization";
import { Toaster } from "@/components/ui/toast";
import type { AlertSettingsView } from "@/lib/alerts/settings";
import type { Role } from "@/lib/tenancy/context";
import { AlertSettingsForm } from "./alert-settings-form";

vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: vi.fn() }) }));
vi.mock("@/lib/actions/save-alert-settings", () => ({ saveAlertSettingsAction: vi.fn() }));
vi.mock("@/lib/actions/reveal-alert-secret", () => ({ revealAlertSecretAction: vi.fn() }));

const SAVED: AlertSettingsView = {
  emails: ["ops@example.com"],
  webhookUrl: "https://hooks.example.com/alerts",
  slackText: true,
  successRateThreshold: 75,
  smtpConfigured: true,
  saved: true,
};

function render(role: Role): string {
  const organization = { id: "0198c0de-0000-7000-8000-000000000001", role, isOwner: false };
  // What <Toaster><OrganizationProvider …><AlertSettingsForm …/></OrganizationProvider></Toaster> compiles to.
  const form = jsx(AlertSettingsForm, { settings: SAVED });
  return renderToStaticMarkup(jsx(Toaster, { children: jsx(OrganizationProvider, { organization, children: form }) }));
}

/** The form's controls: each button's text, and each input's name with whether it can be changed. */
function controls(html: string) {
  const buttons = [...html.matchAll(/<button[^>]*>(.*?)<\/button>/g)].map((m) => m[1]);
  const inputs = [...html.matchAll(/<input[^>]*>/g)].map((m) => ({
    name: /name="([^"]+)"/.exec(m[0])?.[1],
    locked: /\s(readOnly|disabled)=""/.test(m[0]),
  }));
  return { buttons, inputs };
}

describe("the alert settings form", () => {
  it("gives an admin Save and Reveal, with every field editable", () => {
    const { buttons, inputs } = controls(render("admin"));
    expect(buttons).toEqual(["Save", "Reveal webhook signing secret"]);
    expect(inputs).toHaveLength(4);
    expect(inputs.every((input) => !input.locked)).toBe(true);
  });

  it("shows a viewer the settings read-only, with no Save and no Reveal", () => {
    const html = render("viewer");
    const { buttons, inputs } = controls(html);
    expect(buttons).toEqual([]);
    expect(inputs.map((input) => input.name)).toEqual(["emails", "webhookUrl", "slackText", "successRateThreshold"]);
    expect(inputs.every((input) => input.locked)).toBe(true);
    expect(html).toContain('value="ops@example.com"');
    expect(html).toContain("Only an admin of this organization can change these settings.");
  });
});
