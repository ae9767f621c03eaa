/** A contact as answers and guided referrals show it: one language, only what is stated in contacts.yaml. */
import { z } from "zod";

export const ContactView = z.object({
  id: z.string(),
  name: z.string(),
  responsible_for: z.string(),
  website: z.string(),
  address: z.string().optional(),
  phone: z.string().optional(),
  email: z.string().optional(),
});
export type ContactView = z.infer<typeof ContactView>;
