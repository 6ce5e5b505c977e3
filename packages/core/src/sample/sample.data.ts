/** Lead sources with their volume share and lead quality, used by the sample generator. */
export interface SourceProfile {
  id: string;
  /** Relative share of leads. */
  weight: number;
  /** Multiplier on every progression probability. */
  quality: number;
  personalEmail: number;
  student: number;
  demoRequest: number;
  /** Cost per lead in cents, for spend; 0 for sources without spend. */
  costPerLead: number;
  campaigns: readonly string[];
}

export const SOURCES: readonly SourceProfile[] = [
  {
    id: 'paid_search',
    weight: 22,
    quality: 1.0,
    personalEmail: 0.08,
    student: 0.03,
    demoRequest: 0.12,
    costPerLead: 18_000,
    campaigns: ['ps_brand', 'ps_competitor', 'ps_category'],
  },
  {
    id: 'organic_search',
    weight: 20,
    quality: 1.05,
    personalEmail: 0.1,
    student: 0.06,
    demoRequest: 0.08,
    costPerLead: 2_500,
    campaigns: [],
  },
  {
    id: 'social',
    weight: 14,
    quality: 0.6,
    personalEmail: 0.25,
    student: 0.1,
    demoRequest: 0.04,
    costPerLead: 9_000,
    campaigns: ['so_linkedin_abm', 'so_video'],
  },
  {
    id: 'email',
    weight: 10,
    quality: 0.95,
    personalEmail: 0.06,
    student: 0.02,
    demoRequest: 0.06,
    costPerLead: 2_000,
    campaigns: ['em_newsletter', 'em_nurture'],
  },
  {
    id: 'events',
    weight: 9,
    quality: 1.2,
    personalEmail: 0.05,
    student: 0.04,
    demoRequest: 0.1,
    costPerLead: 40_000,
    campaigns: ['ev_summit', 'ev_roadshow'],
  },
  {
    id: 'referral',
    weight: 8,
    quality: 1.5,
    personalEmail: 0.04,
    student: 0.01,
    demoRequest: 0.15,
    costPerLead: 5_000,
    campaigns: ['rf_customer'],
  },
  {
    id: 'partner',
    weight: 7,
    quality: 1.35,
    personalEmail: 0.03,
    student: 0.01,
    demoRequest: 0.12,
    costPerLead: 25_000,
    campaigns: ['pa_resellers', 'pa_marketplace'],
  },
  {
    id: 'webinar',
    weight: 5,
    quality: 1.1,
    personalEmail: 0.07,
    student: 0.05,
    demoRequest: 0.06,
    costPerLead: 12_000,
    campaigns: ['wb_product', 'wb_industry'],
  },
  {
    id: 'direct',
    weight: 5,
    quality: 0.9,
    personalEmail: 0.12,
    student: 0.05,
    demoRequest: 0.1,
    costPerLead: 0,
    campaigns: [],
  },
];

export interface RegionProfile {
  id: string;
  weight: number;
  countries: readonly (readonly [country: string, timezone: string])[];
}

export const REGIONS: readonly RegionProfile[] = [
  {
    id: 'na',
    weight: 45,
    countries: [
      ['US', 'America/New_York'],
      ['US', 'America/Chicago'],
      ['US', 'America/Los_Angeles'],
      ['CA', 'America/Toronto'],
    ],
  },
  {
    id: 'emea',
    weight: 30,
    countries: [
      ['GB', 'Europe/London'],
      ['DE', 'Europe/Berlin'],
      ['FR', 'Europe/Paris'],
      ['NL', 'Europe/Amsterdam'],
      ['ES', 'Europe/Madrid'],
      ['SE', 'Europe/Stockholm'],
    ],
  },
  {
    id: 'apac',
    weight: 15,
    countries: [
      ['AU', 'Australia/Sydney'],
      ['SG', 'Asia/Singapore'],
      ['JP', 'Asia/Tokyo'],
      ['IN', 'Asia/Kolkata'],
    ],
  },
  {
    id: 'latam',
    weight: 10,
    countries: [
      ['BR', 'America/Sao_Paulo'],
      ['MX', 'America/Mexico_City'],
      ['AR', 'America/Argentina/Buenos_Aires'],
    ],
  },
];

export const INDUSTRIES = [
  'software',
  'financial_services',
  'healthcare',
  'manufacturing',
  'retail',
  'logistics',
  'media',
  'education',
] as const;

export const FIRST_NAMES = [
  'ada',
  'amir',
  'ana',
  'ben',
  'carla',
  'chen',
  'dana',
  'david',
  'elif',
  'emma',
  'farid',
  'grace',
  'hana',
  'ivan',
  'jade',
  'jon',
  'kai',
  'kim',
  'lea',
  'luis',
  'maya',
  'mei',
  'nina',
  'noah',
  'omar',
  'priya',
  'rafael',
  'rosa',
  'sam',
  'sara',
  'tariq',
  'tess',
  'uma',
  'victor',
  'wei',
  'yara',
  'yusuf',
  'zoe',
] as const;
export const LAST_NAMES = [
  'adams',
  'bauer',
  'costa',
  'dubois',
  'eriksen',
  'fischer',
  'garcia',
  'haddad',
  'ito',
  'jensen',
  'kowalski',
  'lopez',
  'martin',
  'nakamura',
  'okafor',
  'patel',
  'quinn',
  'rossi',
  'silva',
  'tanaka',
  'usman',
  'vargas',
  'wagner',
  'xu',
  'yilmaz',
  'zhang',
] as const;
export const COMPANY_FIRST = [
  'north',
  'blue',
  'bright',
  'clear',
  'swift',
  'true',
  'iron',
  'silver',
  'green',
  'open',
  'prime',
  'bold',
  'quiet',
  'rapid',
  'solid',
  'urban',
  'vivid',
  'wild',
  'polar',
  'lumen',
  'amber',
  'cedar',
  'coral',
  'delta',
  'ember',
  'frost',
  'golden',
  'hollow',
  'indigo',
  'juniper',
  'keen',
  'lunar',
  'maple',
  'noble',
  'ocean',
  'pine',
  'red',
  'river',
  'sage',
  'summit',
] as const;
export const COMPANY_SECOND = [
  'wind',
  'field',
  'stone',
  'bridge',
  'harbor',
  'peak',
  'grove',
  'forge',
  'line',
  'point',
  'works',
  'path',
  'wave',
  'leaf',
  'gate',
  'craft',
  'loop',
  'mark',
  'yard',
  'bay',
  'crest',
  'dale',
  'fern',
  'hill',
  'lake',
  'mill',
  'ridge',
  'rock',
  'shore',
  'vale',
  'wood',
  'spring',
  'brook',
  'field',
  'haven',
  'moor',
  'star',
  'tide',
  'view',
  'well',
] as const;
export const COMPANY_SUFFIX: Readonly<Record<string, readonly string[]>> = {
  software: ['Software', 'Labs', 'Cloud'],
  financial_services: ['Capital', 'Finance', 'Partners'],
  healthcare: ['Health', 'Care', 'Medical'],
  manufacturing: ['Industries', 'Manufacturing', 'Components'],
  retail: ['Retail', 'Stores', 'Goods'],
  logistics: ['Logistics', 'Freight', 'Shipping'],
  media: ['Media', 'Studios', 'Publishing'],
  education: ['Learning', 'Academy', 'Education'],
};
export const TLDS = ['com', 'com', 'com', 'io', 'co', 'net'] as const;
export const PERSONAL_DOMAINS = [
  'gmail.com',
  'yahoo.com',
  'hotmail.com',
  'outlook.com',
  'icloud.com',
  'gmx.de',
] as const;
export const JOB_TITLES = [
  'Head of Operations',
  'VP Marketing',
  'Sales Director',
  'CTO',
  'IT Manager',
  'Procurement Lead',
  'Founder',
  'CFO',
  'Operations Analyst',
  'Product Manager',
  'Marketing Manager',
  'Engineering Manager',
] as const;
export const STUDENT_TITLES = ['Student', 'MBA Student', 'Intern', 'Job seeker'] as const;
export const COMPETITORS = ['Pipewise', 'FunnelForge', 'LeadLoop'] as const;
/** Relative weight of lead creation by weekday (Sunday first, as Date#getDay). */
export const WEEKDAY_WEIGHT = [0.2, 1.0, 1.15, 1.15, 1.05, 0.8, 0.25] as const;
/** Relative weight of lead creation by local hour. */
export const HOUR_WEIGHT = [
  0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.4, 0.8, 1.4, 2.0, 2.3, 2.2, 1.6, 1.9, 2.1, 2.0, 1.7, 1.3, 0.9, 0.8, 0.7, 0.6, 0.5,
  0.3,
] as const;

/**
 * The title enrichment reports for each form job title (`attributes.title`): the buying-committee
 * roles read it. Variants keep the person's function, and some match no role, as real titles do.
 */
export const ENRICHED_TITLES: Readonly<Record<(typeof JOB_TITLES)[number], readonly string[]>> = {
  'Head of Operations': ['Head of Operations', 'Head of Revenue Operations', 'VP Operations'],
  'VP Marketing': ['VP Marketing', 'Vice President of Marketing', 'Chief Marketing Officer'],
  'Sales Director': ['Director of Sales', 'Director, Sales Operations', 'Regional Sales Director'],
  CTO: ['CTO', 'Chief Technology Officer'],
  'IT Manager': ['IT Manager', 'IT Systems Administrator', 'Salesforce Admin'],
  'Procurement Lead': ['Procurement Lead', 'Purchasing Manager', 'Strategic Sourcing Manager'],
  Founder: ['Founder', 'Co-founder & CEO'],
  CFO: ['CFO', 'Chief Financial Officer', 'VP Finance'],
  'Operations Analyst': ['Operations Analyst', 'Business Analyst'],
  'Product Manager': ['Product Manager', 'Senior Product Manager'],
  'Marketing Manager': ['Manager, Marketing Operations', 'Marketing Manager', 'Lead, Marketing Ops'],
  'Engineering Manager': ['Engineering Manager', 'Solutions Architect', 'Staff Engineer'],
};

/** CRMs other than Salesforce, by share of the companies that do not run Salesforce (`none`: spreadsheets). */
export const OTHER_CRMS = ['hubspot', 'pipedrive', 'dynamics', 'zoho', 'none'] as const;
export const OTHER_CRM_WEIGHT = [45, 20, 15, 10, 10] as const;
/** The rest of a company's stack, as technographic enrichment lists it. */
export const TOOLS = [
  'slack',
  'microsoft_teams',
  'zoom',
  'google_workspace',
  'microsoft_365',
  'jira',
  'zendesk',
  'intercom',
  'marketo',
  'snowflake',
] as const;

/** Relative frequency of each loss-reason category among lost deals with a reason. */
export const LOSS_CATEGORY_WEIGHT = {
  no_decision: 30,
  competitor: 25,
  price: 15,
  timing: 12,
  product_gap: 12,
  other: 6,
} as const;
/** Competitors deals are lost to, most frequent first (with the weights below). */
export const COMPETITOR_WEIGHT = [5, 3, 2] as const;
export const PRODUCT_GAPS = [
  'Native Dynamics 365 sync',
  'SAML single sign-on on the starter plan',
  'EU data residency',
  'Custom objects in routing rules',
  'Offline mobile app',
] as const;
export const OTHER_LOSS_NOTES = [
  'Our champion left the company',
  'Acquired; the parent company standardised on its own tools',
  'Project folded into a larger platform initiative',
  'Legal could not agree on the liability terms',
] as const;
/**
 * The objection themes (`winLoss.themes` ids of `sampleWinLoss`) most often heard with each loss
 * category, and on won deals (the objections a winning deal overcame).
 */
export const THEMES_BY_OUTCOME: Readonly<Record<string, readonly string[]>> = {
  won: ['security_review', 'integration', 'pricing_model'],
  no_decision: ['budget_freeze', 'switching_cost', 'integration'],
  competitor: ['missing_feature', 'pricing_model', 'switching_cost'],
  price: ['pricing_model', 'budget_freeze'],
  timing: ['budget_freeze', 'security_review'],
  product_gap: ['missing_feature', 'integration'],
  other: ['security_review', 'switching_cost'],
  unspecified: ['switching_cost', 'integration'],
};
