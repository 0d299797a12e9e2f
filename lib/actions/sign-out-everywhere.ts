"use server";

import { z } from "zod";
import { endSessions } from "@/lib/auth/account";
import { operatorAction } from "./safe-action";

/** Account's "Sign out everywhere": ends every session of the signed-in operator, this one included. */
export const signOutEverywhereAction = operatorAction(
  z.strictObject({}),
  async (_, { operator }) => endSessions(operator.id),
  {
    // Any operator may end their own sessions.
    role: "viewer",
  },
);
