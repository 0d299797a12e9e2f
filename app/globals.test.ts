import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Dark mode remaps the palette in globals.css: a colour step a component uses without a dark value would keep its
// light value on a dark page (dark text on dark, say). Steps 400 and 500 are mid-tones, readable on both.
const root = path.resolve(import.meta.dirname, "..");
const css = fs.readFileSync(path.join(root, "app/globals.css"), "utf8");
const darkBlock = css.slice(css.indexOf("@variant dark {"));
const MID_TONES = new Set(["400", "500"]);

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx$/.test(entry.name) ? [full] : [];
  });
}

/** Palette steps used as Tailwind classes in the app's components, e.g. "slate-700" from "text-slate-700". */
function usedSteps(files: string[]): Set<string> {
  const steps = new Set<string>();
  const pattern =
    /\b(?:bg|text|border|ring|divide|from|via|to|fill|stroke|outline|decoration|placeholder|accent|caret)-([a-z]+-\d{2,3})\b/g;
  for (const file of files) for (const match of fs.readFileSync(file, "utf8").matchAll(pattern)) steps.add(match[1]);
  return steps;
}

describe("the dark palette", () => {
  it("gives every light or dark step the components use a dark value", () => {
    const files = [...sources(path.join(root, "components")), ...sources(path.join(root, "app"))];
    const defined = new Set([...css.matchAll(/--color-([a-z]+-\d{2,3}):/g)].map((match) => match[1]));
    const used = [...usedSteps(files)].filter((step) => defined.has(step) || !step.startsWith("brand-"));
    const missing = used.filter(
      (step) => !MID_TONES.has(step.split("-")[1]) && !darkBlock.includes(`--color-${step}:`),
    );
    expect(used.length).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });

  it("remaps white, the surface of every card, dialog and input", () => {
    expect(darkBlock).toMatch(/--color-white: oklch\(\d+%/);
  });
});
