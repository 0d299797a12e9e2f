// The receiver documentation against real deliveries: emit -> worker -> signed POST to a loopback receiver, then the
// documented Node snippets, written to files and run by node itself (jose, standardwebhooks, node's crypto), verify it.
import { execFileSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupTestDb, testProvider } from "@/lib/test/db";
import { startReceiver, type ReceivedRequest, type Receiver } from "@/lib/test/receivers";
import { emitEvent } from "@/lib/webhooks/emit";
import { createEndpoint, revealSecret } from "@/lib/webhooks/endpoints";
import { DEFAULT_ORG } from "@/lib/test/organizations";
import { publicKeyBase64 } from "@/lib/webhooks/signing-key";
import { jwtIssuer, SIGNATURE_ALGOS, type SignatureAlgo } from "@/lib/webhooks/signing";
import { runDeliveryPass } from "@/lib/webhooks/delivery/loop";
import { openApiDocument, type OpenApiDocument } from "./openapi";
import {
  EXAMPLE_DELIVERY_BODY,
  EXAMPLE_HMAC_SECRET,
  EXAMPLE_STANDARD_SECRET,
  EXAMPLE_TIMESTAMP,
  receiverSchemes,
  type ReceiverScheme,
} from "./openapi-receivers";
import { EXAMPLE_WEBHOOK_ID } from "./openapi-examples";
import { documentValidator } from "./openapi-testing";

let teardown: () => Promise<void>;
let receiver: Receiver;
let directory: string;
let document: OpenApiDocument;
let validate: (pointer: string, value: unknown) => string[];
const deliveries = new Map<SignatureAlgo, { request: ReceivedRequest; secret: string }>();

beforeAll(async () => {
  ({ teardown } = await setupTestDb());
  receiver = await startReceiver();
  // Inside the project, so that the snippets' imports (jose, standardwebhooks) resolve from its node_modules.
  await mkdir(path.resolve("test-results"), { recursive: true });
  directory = await mkdtemp(path.resolve("test-results", "receiver-snippets-"));
  document = openApiDocument("http://localhost:3000");
  validate = await documentValidator(document);

  const secrets = new Map<SignatureAlgo, string>();
  for (const algo of SIGNATURE_ALGOS) {
    const endpoint = await createEndpoint(DEFAULT_ORG, { url: `${receiver.url}/${algo}`, signatureAlgo: algo });
    secrets.set(algo, (await revealSecret(DEFAULT_ORG, endpoint.id)).secret);
  }
  // A body with what careless code mangles: non-ASCII, a line separator, a slash.
  await emitEvent(DEFAULT_ORG, {
    webhookType: "invoice.created",
    objectType: "invoice",
    object: { lago_id: "inv_42", total_amount_cents: 26400, note: "é ✓ \u2028 a/b" },
  });
  await runDeliveryPass({ budgetMs: 10_000 });
  for (const request of await receiver.waitFor(SIGNATURE_ALGOS.length)) {
    const algo = request.path.split("/").pop() as SignatureAlgo;
    deliveries.set(algo, { request, secret: secrets.get(algo)! });
  }
});
afterAll(async () => {
  await receiver?.close();
  if (directory) await rm(directory, { recursive: true, force: true });
  await teardown();
});

const scheme = (algo: SignatureAlgo): ReceiverScheme => receiverSchemes(jwtIssuer()).find((s) => s.algo === algo)!;

/** Writes the scheme's Node snippet to a file and calls its exported function with `args`, in a node process of its own. */
async function runNodeSnippet(algo: SignatureAlgo, args: unknown[]): Promise<unknown> {
  const snippet = path.join(directory, `verify-${algo}.mjs`);
  const driver = path.join(directory, `run-${algo}.mjs`);
  await writeFile(snippet, scheme(algo).snippets.node.code);
  await writeFile(
    driver,
    `import { readFileSync } from "node:fs";
import * as snippet from "./verify-${algo}.mjs";
const verify = Object.values(snippet).find((value) => typeof value === "function");
process.stdout.write(JSON.stringify(await verify(...JSON.parse(readFileSync(0, "utf8")))));
`,
  );
  return JSON.parse(execFileSync(process.execPath, [driver], { input: JSON.stringify(args), encoding: "utf8" }));
}

/** The body with its first digit changed. */
const tamper = (body: string) => body.replace(/\d/, (digit) => String((Number(digit) + 1) % 10));
const otherRsaKey = () =>
  Buffer.from(
    generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ type: "spki", format: "pem" }),
  ).toString("base64");

describe(`receiver documentation against real deliveries on ${testProvider}`, () => {
  it("delivered one signed POST per scheme", () => {
    expect([...deliveries.keys()].sort()).toEqual([...SIGNATURE_ALGOS].sort());
  });

  it("JWT: the Node snippet (jose) accepts the delivery, and refuses another body, another key and another issuer", async () => {
    const { request } = deliveries.get("jwt")!;
    const key = await publicKeyBase64();
    expect(await runNodeSnippet("jwt", [request.body, request.headers, key, jwtIssuer()])).toBe(true);
    expect(await runNodeSnippet("jwt", [tamper(request.body), request.headers, key, jwtIssuer()])).toBe(false);
    expect(await runNodeSnippet("jwt", [request.body, request.headers, otherRsaKey(), jwtIssuer()])).toBe(false);
    expect(await runNodeSnippet("jwt", [request.body, request.headers, key, "https://someone-else.example"])).toBe(
      false,
    );
  });

  it("HMAC: the Node snippet (node's crypto) accepts the delivery, and refuses another body and another secret", async () => {
    const { request, secret } = deliveries.get("hmac")!;
    expect(await runNodeSnippet("hmac", [request.body, request.headers, secret])).toBe(true);
    expect(await runNodeSnippet("hmac", [tamper(request.body), request.headers, secret])).toBe(false);
    expect(await runNodeSnippet("hmac", [request.body, request.headers, `${secret}x`])).toBe(false);
    expect(await runNodeSnippet("hmac", [request.body, {}, secret])).toBe(false);
  });

  it("Standard Webhooks: the Node snippet (standardwebhooks) accepts the delivery, and refuses another body, another secret and an old timestamp", async () => {
    const { request, secret } = deliveries.get("standard")!;
    expect(await runNodeSnippet("standard", [request.body, request.headers, secret])).toBe(true);
    expect(await runNodeSnippet("standard", [tamper(request.body), request.headers, secret])).toBe(false);
    expect(
      await runNodeSnippet("standard", [
        request.body,
        request.headers,
        `whsec_${Buffer.alloc(32, 7).toString("base64")}`,
      ]),
    ).toBe(false);
    const stale = {
      ...request.headers,
      "webhook-timestamp": String(Number(request.headers["webhook-timestamp"]) - 600),
    };
    expect(await runNodeSnippet("standard", [request.body, stale, secret])).toBe(false);
  });

  it("documents exactly the headers each scheme sends, each value fitting its documented schema, and the body's schema", () => {
    // What HTTP itself adds; the rest is Hookline's and must be documented.
    const transport = new Set([
      "host",
      "connection",
      "content-length",
      "content-type",
      "transfer-encoding",
      "accept",
      "accept-encoding",
    ]);
    for (const algo of SIGNATURE_ALGOS) {
      const { request } = deliveries.get(algo)!;
      const post = document.webhooks?.[`delivery-${algo}`]?.post as { parameters: { name: string }[] };
      const documented = post.parameters.map((p) => p.name.toLowerCase());
      expect(
        Object.keys(request.headers)
          .filter((h) => !transport.has(h))
          .sort(),
        algo,
      ).toEqual([...documented].sort());
      expect(request.headers["content-type"]).toBe("application/json");
      post.parameters.forEach((parameter, index) => {
        const value = request.headers[parameter.name.toLowerCase()];
        expect(
          validate(`/webhooks/delivery-${algo}/post/parameters/${index}/schema`, value),
          `${algo} ${parameter.name}: ${value}`,
        ).toEqual([]);
      });
      expect(validate("/components/schemas/DeliveredPayload", JSON.parse(request.body))).toEqual([]);
    }
  });

  it("the documented HMAC and Standard Webhooks examples carry real signatures of the documented body", async () => {
    const example = (algo: SignatureAlgo, header: string) =>
      (scheme(algo).headers.shape[header] as { meta(): { example: string } }).meta().example;
    const headers = { "x-lago-signature": example("hmac", "X-Lago-Signature") };
    expect(await runNodeSnippet("hmac", [EXAMPLE_DELIVERY_BODY, headers, EXAMPLE_HMAC_SECRET])).toBe(true);
    expect(await runNodeSnippet("hmac", [tamper(EXAMPLE_DELIVERY_BODY), headers, EXAMPLE_HMAC_SECRET])).toBe(false);
    // The example's timestamp is long past, so the standardwebhooks package signs it again rather than verifying it.
    const signed = new Webhook(EXAMPLE_STANDARD_SECRET).sign(
      EXAMPLE_WEBHOOK_ID,
      new Date(EXAMPLE_TIMESTAMP * 1000),
      EXAMPLE_DELIVERY_BODY,
    );
    expect(example("standard", "webhook-signature")).toBe(signed);
    expect(example("standard", "webhook-timestamp")).toBe(String(EXAMPLE_TIMESTAMP));
  });
});
