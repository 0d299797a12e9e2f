"use server";

import { z } from "zod";
import { endSessions } from "@/lib/auth/account";
import { accountAction } from "./safe-action";

/** Account's "Sign out everywhere": ends every session of the signed-in operator, this one included. */
export const signOutEverywhereAction = accountAction(z.strictObject({}), async (_, operator) =>
  endSessions(operator.id),
);
