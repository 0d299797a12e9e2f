// ESLint: Next's rules (React, the hooks' rules including the React Compiler's, Core Web Vitals), typescript-eslint's
// recommended set, and jsx-a11y's recommended set (Next turns on only a few of its rules). `npm run lint`.
import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import jsxA11y from "eslint-plugin-jsx-a11y";
import { defineConfig, globalIgnores } from "eslint/config";

/** What lib/ may not import: it is the domain, below routes and components. */
const LIB_IMPORTS = [
  { group: ["@/app/*", "@/components/*"], message: "lib/ is the domain: it never imports routes or components." },
  { group: ["react", "react-dom", "react/*"], message: "lib/ holds no React; hooks live in components/hooks/." },
];

const GENERATED_CLIENTS = {
  group: ["@/lib/generated/*"],
  message: "Only lib/db/ knows the generated Prisma clients: take model types from @/lib/db/models.",
};

export default defineConfig([
  globalIgnores([
    ".next/**",
    "lib/generated/**",
    "test-results/**",
    "playwright-report/**",
    "e2e/artifacts/**",
    "next-env.d.ts",
  ]),
  ...nextCoreWebVitals,
  ...nextTypescript,
  { rules: jsxA11y.flatConfigs.recommended.rules },
  {
    rules: {
      // Dialogs move focus to their first field, as the WAI-ARIA dialog pattern asks; sign-in and setup are one form each.
      "jsx-a11y/no-autofocus": "off",
      // The option cards put the control and its text side by side inside the label, one level deeper than the default.
      "jsx-a11y/label-has-associated-control": ["error", { assert: "either", depth: 3 }],
      // The only images are the small SVG logo, which next/image would not optimise.
      "@next/next/no-img-element": "off",
      // A name starting with "_" is unused on purpose (a callback's leading parameter).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      "@typescript-eslint/no-unused-expressions": "error",
    },
  },

  // What may import what (ARCHITECTURE.md, "Rules"). Type-only imports cross freely: they leave no code behind.
  {
    files: ["components/**"],
    ignores: ["components/**/*.test.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex:
                "^@/lib/(?!actions/(?!safe-action$)|webhooks/(event-types|log-filters)$|tenancy/hrefs$|portal/link$|theme$)",
              allowTypeImports: true,
              message:
                "Components reach lib/ only through server actions (lib/actions/) and the browser-safe event-types, log-filters, tenancy/hrefs, portal/link and theme; pages hand them their data.",
            },
            { group: ["@/app/*"], message: "app/ holds routes only: components never import from it." },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/**"],
    rules: { "no-restricted-imports": ["error", { patterns: LIB_IMPORTS }] },
  },
  {
    files: ["lib/**"],
    ignores: ["lib/db/**", "lib/generated/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [...LIB_IMPORTS, GENERATED_CLIENTS] }] },
  },
  {
    files: ["app/**", "components/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [GENERATED_CLIENTS] }],
    },
  },
]);
