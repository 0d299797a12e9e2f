import { redirect } from "next/navigation";
import { requireOperator } from "@/lib/auth/session";

export default async function Home() {
  await requireOperator();
  redirect("/developers/webhooks");
}
