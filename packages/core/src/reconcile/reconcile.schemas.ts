import * as z from 'zod';
import { CurrencySchema, InstantSchema, MinorUnitsSchema, RecordIdSchema } from '../_lib/schemas';
import type { AttributionModel } from '../agreement/agreement.types';
import type { MarketingClaim } from './reconcile.types';

const optionalText = z.string().max(1024).optional();

/** The attribution models a claim may name (the agreement's list). */
const MODELS = [
  'first_touch',
  'last_touch',
  'linear',
  'time_decay',
  'position_based',
  'w_shaped',
  'full_path',
  'markov',
  'shapley',
] as const satisfies readonly AttributionModel[];

/**
 * Schema of {@link MarketingClaim}: ids are non-empty strings, `kind` is `sourced` or `influenced`,
 * `amount` a whole number of minor units ≥ 0 (a negative or fractional amount is refused, not
 * rounded), `currency` an ISO 4217 code, `touchAt` an instant. Unknown fields are refused, as on the
 * canonical records: a typo in a column name must not pass as a claim without it.
 */
export const MarketingClaimSchema: z.ZodType<MarketingClaim> = z.strictObject({
  id: RecordIdSchema,
  opportunityId: RecordIdSchema,
  kind: z.enum(['sourced', 'influenced']),
  amount: MinorUnitsSchema,
  currency: CurrencySchema,
  accountId: optionalText,
  leadId: optionalText,
  model: z.enum(MODELS).optional(),
  touchAt: InstantSchema.optional(),
  stage: optionalText,
  channel: optionalText,
  campaignId: optionalText,
});

/** The claim fields, in the order of the type (and of the CLI's claims CSV). */
export const MARKETING_CLAIM_FIELDS = [
  'id',
  'opportunityId',
  'kind',
  'amount',
  'currency',
  'accountId',
  'leadId',
  'model',
  'touchAt',
  'stage',
  'channel',
  'campaignId',
] as const satisfies readonly (keyof MarketingClaim)[];
