import * as z from 'zod';
import { CurrencySchema, InstantSchema, IsoDateSchema, MinorUnitsSchema, RecordIdSchema } from '../_lib/schemas';
import type {
  Account,
  Activity,
  Lead,
  LeadDisposition,
  Opportunity,
  RecordKind,
  RecordTypes,
  Spend,
  StageEvent,
  Touchpoint,
} from './records.types';

const text = z.string().max(1024);
const optionalText = text.optional();

/** Schema of {@link LeadDisposition}. */
export const LeadDispositionSchema: z.ZodType<LeadDisposition> = z.strictObject({
  reasonId: RecordIdSchema,
  at: InstantSchema,
  by: optionalText,
  detail: z.string().max(4096).optional(),
});

/** Schema of {@link Lead}. Unknown top-level fields are refused: custom data goes under `attributes`. */
export const LeadSchema: z.ZodType<Lead> = z.strictObject({
  id: RecordIdSchema,
  createdAt: InstantSchema,
  source: optionalText,
  campaignId: optionalText,
  segment: optionalText,
  region: optionalText,
  country: optionalText,
  ownerId: optionalText,
  teamId: optionalText,
  accountId: optionalText,
  email: optionalText,
  domain: optionalText,
  company: optionalText,
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
  stageDates: z.record(z.string(), InstantSchema).optional(),
  firstTouchAt: InstantSchema.optional(),
  touches: z.int().min(0).optional(),
  disposition: LeadDispositionSchema.optional(),
  amount: MinorUnitsSchema.optional(),
  currency: CurrencySchema.optional(),
});

/** Schema of {@link StageEvent}. */
export const StageEventSchema: z.ZodType<StageEvent> = z.strictObject({
  leadId: RecordIdSchema,
  stage: RecordIdSchema,
  at: InstantSchema,
  by: optionalText,
  reason: z.string().max(4096).optional(),
});

/** Schema of {@link Activity}. */
export const ActivitySchema: z.ZodType<Activity> = z.strictObject({
  id: RecordIdSchema,
  leadId: RecordIdSchema,
  type: z.string().min(1).max(64),
  at: InstantSchema,
  by: optionalText,
});

/** Schema of {@link Touchpoint}. */
export const TouchpointSchema: z.ZodType<Touchpoint> = z.strictObject({
  id: RecordIdSchema,
  leadId: optionalText,
  accountId: optionalText,
  opportunityId: optionalText,
  channel: z.string().min(1).max(128),
  campaignId: optionalText,
  at: InstantSchema,
});

/** Schema of {@link Opportunity}. */
export const OpportunitySchema: z.ZodType<Opportunity> = z.strictObject({
  id: RecordIdSchema,
  accountId: optionalText,
  leadIds: z.array(RecordIdSchema).optional(),
  createdAt: InstantSchema,
  stage: z.string().min(1).max(128),
  amount: MinorUnitsSchema,
  currency: CurrencySchema,
  closedAt: InstantSchema.optional(),
  won: z.boolean().optional(),
  source: optionalText,
  campaignId: optionalText,
  segment: optionalText,
  loss: z
    .strictObject({ reasonId: RecordIdSchema, detail: optionalText, at: InstantSchema.optional(), by: optionalText })
    .optional(),
  themes: z.array(RecordIdSchema).max(100).optional(),
});

/** Schema of {@link Spend}. */
export const SpendSchema: z.ZodType<Spend> = z.strictObject({
  channel: optionalText,
  campaignId: optionalText,
  periodStart: IsoDateSchema,
  periodEnd: IsoDateSchema,
  amount: MinorUnitsSchema,
  currency: CurrencySchema.optional(),
});

/** Schema of {@link Account}. */
export const AccountSchema: z.ZodType<Account> = z.strictObject({
  id: RecordIdSchema,
  name: optionalText,
  domain: optionalText,
  ownerId: optionalText,
  segment: optionalText,
  region: optionalText,
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});

/** The schema of each record kind. */
export const RecordSchemas: { readonly [K in RecordKind]: z.ZodType<RecordTypes[K]> } = {
  leads: LeadSchema,
  accounts: AccountSchema,
  stageEvents: StageEventSchema,
  activities: ActivitySchema,
  touchpoints: TouchpointSchema,
  opportunities: OpportunitySchema,
  spend: SpendSchema,
};
