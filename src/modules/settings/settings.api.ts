/** HTTP contract of the installation settings people see and administrators change. */
import { z } from 'zod';

export const settingsSchema = z.object({
  /** Shown in the header, mails and reports. */
  companyName: z.string().trim().min(1).max(100),
  /** The hotline a customer must also phone for P1/P2 (seed 004); null until configured. */
  hotlineNumber: z.string().trim().min(3).max(40).nullable(),
  /** Days after resolution or closure during which a case may be reopened. */
  caseReopenDays: z.number().int().min(0).max(365),
});
export type Settings = z.infer<typeof settingsSchema>;

export const settingsPatch = settingsSchema.partial();
