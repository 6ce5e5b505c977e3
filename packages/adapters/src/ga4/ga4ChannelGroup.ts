import type { Ga4Dialect } from './ga4.types';

/** What a default channel group rule looks at (all lower-cased before matching). */
interface ChannelRule {
  channel: string;
  /** A SQL boolean over the lower-cased `src`, `med` and `camp` expressions. */
  when: (m: Matchers) => string;
}

interface Matchers {
  src: string;
  med: string;
  camp: string;
  /** `expr` matches the RE2 pattern (partial match unless the pattern is anchored). */
  re: (expr: string, pattern: string) => string;
}

/** A source category as a pattern: the name with an optional `www.`/`m.`/`l.` prefix and an optional domain suffix. */
const sites = (names: readonly string[]) =>
  `^(?:www\\.|m\\.|l\\.|lm\\.)?(?:${names.map((n) => n.replaceAll('.', '\\.')).join('|')})(?:\\.[a-z]{2,6})*$`;

/** Subsets of GA4's source categories (Google publishes the full list as a download; these are its best-known entries). */
export const GA4_SOURCE_CATEGORIES = {
  search: [
    'google',
    'bing',
    'yahoo',
    'search.yahoo',
    'duckduckgo',
    'baidu',
    'yandex',
    'ecosia',
    'naver',
    'ask',
    'qwant',
  ],
  social: [
    'facebook',
    'fb',
    'instagram',
    'ig',
    'linkedin',
    'lnkd',
    'twitter',
    't',
    'x',
    'reddit',
    'pinterest',
    'tiktok',
    'threads',
    'quora',
    'snapchat',
    'xing',
  ],
  video: ['youtube', 'youtu', 'vimeo', 'twitch', 'dailymotion', 'wistia'],
  shopping: ['amazon', 'ebay', 'etsy', 'walmart', 'shopify', 'google shopping'],
} as const;

const PAID_MEDIUM = '^(.*cp.*|ppc|retargeting|paid.*)$';
const SHOPPING_CAMPAIGN = '^(.*(([^a-df-z]|^)shop|shopping).*)$';
const inList = (expr: string, values: readonly string[]) => `${expr} IN (${values.map((v) => `'${v}'`).join(', ')})`;
const EMAIL = ['email', 'e-mail', 'e_mail', 'e mail'];

/**
 * GA4's default channel group rules, in GA4's evaluation order (first match wins), as documented in
 * "[GA4] Default channel group" (support.google.com/analytics/answer/9756891). Implemented: every
 * channel; source categories are the subsets in {@link GA4_SOURCE_CATEGORIES}, not Google's full list.
 */
const RULES: readonly ChannelRule[] = [
  { channel: 'Direct', when: (m) => `(${m.src} = '(direct)' AND ${inList(m.med, ['(not set)', '(none)'])})` },
  { channel: 'Cross-network', when: (m) => m.re(m.camp, 'cross-network') },
  {
    channel: 'Paid Shopping',
    when: (m) =>
      `((${m.re(m.src, sites(GA4_SOURCE_CATEGORIES.shopping))} OR ${m.re(m.camp, SHOPPING_CAMPAIGN)}) AND ${m.re(m.med, PAID_MEDIUM)})`,
  },
  {
    channel: 'Paid Search',
    when: (m) => `(${m.re(m.src, sites(GA4_SOURCE_CATEGORIES.search))} AND ${m.re(m.med, PAID_MEDIUM)})`,
  },
  {
    channel: 'Paid Social',
    when: (m) => `(${m.re(m.src, sites(GA4_SOURCE_CATEGORIES.social))} AND ${m.re(m.med, PAID_MEDIUM)})`,
  },
  {
    channel: 'Paid Video',
    when: (m) => `(${m.re(m.src, sites(GA4_SOURCE_CATEGORIES.video))} AND ${m.re(m.med, PAID_MEDIUM)})`,
  },
  { channel: 'Display', when: (m) => inList(m.med, ['display', 'banner', 'expandable', 'interstitial', 'cpm']) },
  { channel: 'Paid Other', when: (m) => m.re(m.med, PAID_MEDIUM) },
  {
    channel: 'Organic Shopping',
    when: (m) => `(${m.re(m.src, sites(GA4_SOURCE_CATEGORIES.shopping))} OR ${m.re(m.camp, SHOPPING_CAMPAIGN)})`,
  },
  {
    channel: 'Organic Social',
    when: (m) =>
      `(${m.re(m.src, sites(GA4_SOURCE_CATEGORIES.social))} OR ${inList(m.med, ['social', 'social-network', 'social-media', 'sm', 'social network', 'social media'])})`,
  },
  {
    channel: 'Organic Video',
    when: (m) => `(${m.re(m.src, sites(GA4_SOURCE_CATEGORIES.video))} OR ${m.re(m.med, '^(.*video.*)$')})`,
  },
  {
    channel: 'Organic Search',
    when: (m) => `(${m.re(m.src, sites(GA4_SOURCE_CATEGORIES.search))} OR ${m.med} = 'organic')`,
  },
  { channel: 'Referral', when: (m) => inList(m.med, ['referral', 'app', 'link']) },
  { channel: 'Email', when: (m) => `(${inList(m.src, EMAIL)} OR ${inList(m.med, EMAIL)})` },
  { channel: 'Affiliates', when: (m) => `${m.med} = 'affiliate'` },
  { channel: 'Audio', when: (m) => `${m.med} = 'audio'` },
  { channel: 'SMS', when: (m) => `(${m.src} = 'sms' OR ${m.med} = 'sms')` },
  {
    channel: 'Mobile Push Notifications',
    when: (m) =>
      `(${m.re(m.med, 'push$')} OR ${m.re(m.med, 'mobile')} OR ${m.re(m.med, 'notification')} OR ${m.src} = 'firebase')`,
  },
];

/** The channels {@link ga4ChannelGroupSql} can produce, in evaluation order, then `Unassigned`. */
export const GA4_DEFAULT_CHANNELS: readonly string[] = [...RULES.map((r) => r.channel), 'Unassigned'];

/**
 * A SQL `CASE` assigning GA4's default channel group from source, medium and campaign expressions
 * (matched lower-cased). The patterns are constants of this module, never user input.
 */
export function ga4ChannelGroupSql(dialect: Ga4Dialect, source: string, medium: string, campaign: string): string {
  const m: Matchers = {
    src: `LOWER(COALESCE(${source}, ''))`,
    med: `LOWER(COALESCE(${medium}, ''))`,
    camp: `LOWER(COALESCE(${campaign}, ''))`,
    re: (expr, pattern) =>
      dialect === 'bigquery' ? `REGEXP_CONTAINS(${expr}, r'${pattern}')` : `regexp_matches(${expr}, '${pattern}')`,
  };
  const branches = RULES.map((r) => `WHEN ${r.when(m)} THEN '${r.channel}'`);
  return `CASE\n      ${branches.join('\n      ')}\n      ELSE 'Unassigned'\n    END`;
}
