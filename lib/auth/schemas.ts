import { z } from "zod";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "Enter a valid email address." }).max(254, "Email is too long."));

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 1024;

export const credentialsSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password.").max(PASSWORD_MAX),
});

/** A new password: setup, a password change, an invited person's first. */
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, "Password is too long.");

export const setupSchema = z
  .object({
    email: emailSchema,
    password: passwordSchema,
    confirm: z.string(),
  })
  .refine((input) => input.password === input.confirm, { message: "The passwords do not match.", path: ["confirm"] });
