import { z } from "zod";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "Enter a valid email address." }).max(254, "Email is too long."));

export const credentialsSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password.").max(1024),
});

export const setupSchema = z
  .object({
    email: emailSchema,
    password: z.string().min(12, "Use at least 12 characters.").max(1024, "Password is too long."),
    confirm: z.string(),
  })
  .refine((input) => input.password === input.confirm, { message: "The passwords do not match.", path: ["confirm"] });
