/** HTTP contract of the installation settings people see and administrators change. */
import { z } from 'zod';
import { withZh } from '../../platform/http/schema-issue-zh.ts';
import { LOGO_TYPES, MAX_LOGO_BYTES } from './logo-rules.ts';

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

/** What every page shows before and after sign-in: the company's name and logo (if uploaded). */
export const brandingSchema = z.object({
  companyName: z.string(),
  /** Changes with every upload, for the logo's URL (`/api/branding/logo?v=…`); null: the built-in mark. */
  logoVersion: z.string().nullable(),
});
export type Branding = z.infer<typeof brandingSchema>;

export { LOGO_TYPES, MAX_LOGO_BYTES };

export const logoBody = z.object({
  /** `data:image/png;base64,…` as a browser's FileReader makes it. */
  dataUrl: z
    .string()
    .max(
      Math.ceil((MAX_LOGO_BYTES * 4) / 3) + 40,
      withZh(`at most ${MAX_LOGO_BYTES / 1024} KB`, `不能超过 ${MAX_LOGO_BYTES / 1024} KB`),
    )
    .regex(
      /^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/=]+$/,
      withZh('a PNG, JPEG or WebP image as a data URL', '应为 PNG、JPEG 或 WebP 图片（data URL）'),
    ),
});
