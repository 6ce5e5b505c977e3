-- data-quality checks
-- params: ["inquiry","mql","sal","sql","opportunity","closed_won","closed_lost","recycled","disqualified","mql","","inquiry","mql","sal","sql","opportunity","closed_won","closed_lost","recycled","disqualified","no_icp_fit","bad_contact_data","no_timing","no_budget","competitor","duplicate","student_job_seeker","in_open_deal"]
WITH "stage_pivot" AS MATERIALIZED (
  SELECT "s"."lead_key" AS "lead_key",
    MAX(CASE WHEN ("s"."stage" = CAST($1 AS VARCHAR)) THEN "s"."at" END) AS "st_0",
    MAX(CASE WHEN ("s"."stage" = CAST($2 AS VARCHAR)) THEN "s"."at" END) AS "st_1",
    MAX(CASE WHEN ("s"."stage" = CAST($3 AS VARCHAR)) THEN "s"."at" END) AS "st_2",
    MAX(CASE WHEN ("s"."stage" = CAST($4 AS VARCHAR)) THEN "s"."at" END) AS "st_3",
    MAX(CASE WHEN ("s"."stage" = CAST($5 AS VARCHAR)) THEN "s"."at" END) AS "st_4",
    MAX(CASE WHEN ("s"."stage" = CAST($6 AS VARCHAR)) THEN "s"."at" END) AS "st_5",
    MAX(CASE WHEN ("s"."stage" = CAST($7 AS VARCHAR)) THEN "s"."at" END) AS "st_6",
    MAX(CASE WHEN ("s"."stage" = CAST($8 AS VARCHAR)) THEN "s"."at" END) AS "st_7",
    MAX(CASE WHEN ("s"."stage" = CAST($9 AS VARCHAR)) THEN "s"."at" END) AS "st_8"
  FROM "accord_lead_stages" AS "s"
  GROUP BY "s"."lead_key"
),
"first_activity" AS (
  SELECT "a"."lead_id" AS "lead_key",
    MIN("a"."at") AS "at"
  FROM "accord_activities" AS "a"
  INNER JOIN "accord_leads" AS "l" ON ("l"."key" = "a"."lead_id")
  LEFT JOIN "accord_lead_stages" AS "sp" ON (("sp"."lead_key" = "a"."lead_id") AND ("sp"."stage" = CAST($10 AS VARCHAR)))
  WHERE (("l"."first_touch" IS NULL) AND ("a"."at" IS NOT NULL) AND (("sp"."at" IS NULL) OR ("a"."at" >= "sp"."at")))
  GROUP BY "a"."lead_id"
),
"lead_facts" AS MATERIALIZED (
  SELECT "l"."key" AS "k",
    "l"."created" AS "c_created",
    "sp"."st_0" AS "st_0",
    "sp"."st_1" AS "st_1",
    "sp"."st_2" AS "st_2",
    "sp"."st_3" AS "st_3",
    "sp"."st_4" AS "st_4",
    "sp"."st_5" AS "st_5",
    "sp"."st_6" AS "st_6",
    "sp"."st_7" AS "st_7",
    "sp"."st_8" AS "st_8",
    COALESCE("l"."first_touch", "fa"."at") AS "c_first_touch",
    "l"."amount" AS "c_amount",
    "l"."reason_id" AS "c_reason",
    "l"."disposition_at" AS "c_disposition_at",
    CASE WHEN ("l"."owner_id" <> CAST($11 AS VARCHAR)) THEN 1 END AS "c_has_owner"
  FROM "accord_leads" AS "l"
  LEFT JOIN "stage_pivot" AS "sp" ON ("sp"."lead_key" = "l"."key")
  LEFT JOIN "first_activity" AS "fa" ON ("fa"."lead_key" = "l"."key")
),
"suspect" AS (
  SELECT "x"."k" AS "k"
  FROM (SELECT "s"."lead_key" AS "k"
  FROM "accord_lead_stages" AS "s"
  WHERE ("s"."stage" NOT IN (CAST($12 AS VARCHAR), CAST($13 AS VARCHAR), CAST($14 AS VARCHAR), CAST($15 AS VARCHAR), CAST($16 AS VARCHAR), CAST($17 AS VARCHAR), CAST($18 AS VARCHAR), CAST($19 AS VARCHAR), CAST($20 AS VARCHAR)))
  UNION ALL
  SELECT "f"."k" AS "k"
  FROM "lead_facts" AS "f"
  WHERE (("f"."c_reason" NOT IN (CAST($21 AS VARCHAR), CAST($22 AS VARCHAR), CAST($23 AS VARCHAR), CAST($24 AS VARCHAR), CAST($25 AS VARCHAR), CAST($26 AS VARCHAR), CAST($27 AS VARCHAR), CAST($28 AS VARCHAR))) OR ("f"."st_0" > "f"."st_1") OR ("f"."st_0" > "f"."st_2") OR ("f"."st_1" > "f"."st_2") OR ("f"."st_0" > "f"."st_3") OR ("f"."st_1" > "f"."st_3") OR ("f"."st_2" > "f"."st_3") OR ("f"."st_0" > "f"."st_4") OR ("f"."st_1" > "f"."st_4") OR ("f"."st_2" > "f"."st_4") OR ("f"."st_3" > "f"."st_4") OR ("f"."st_0" > "f"."st_5") OR ("f"."st_1" > "f"."st_5") OR ("f"."st_2" > "f"."st_5") OR ("f"."st_3" > "f"."st_5") OR ("f"."st_4" > "f"."st_5") OR ("f"."st_0" > "f"."st_6") OR ("f"."st_1" > "f"."st_6") OR ("f"."st_2" > "f"."st_6") OR ("f"."st_3" > "f"."st_6") OR ("f"."st_4" > "f"."st_6"))) AS "x"
  GROUP BY "x"."k"
)
SELECT "l"."key" AS "k",
  "l"."record" AS "record"
FROM "accord_leads" AS "l"
INNER JOIN "suspect" AS "x" ON ("x"."k" = "l"."key");

-- aggregates
-- params: ["inquiry","mql","sal","sql","opportunity","closed_won","closed_lost","recycled","disqualified","mql","","","(none)","$.\"attributes\".\"tier\"","","(none)","closed_won","closed_lost","$.\"source\"","","(none)","$.\"attributes\".\"tier\"","","(none)","competitor",86400000,86400000,86400000]
WITH "stage_pivot" AS MATERIALIZED (
  SELECT "s"."lead_key" AS "lead_key",
    MAX(CASE WHEN ("s"."stage" = CAST($1 AS VARCHAR)) THEN "s"."at" END) AS "st_0",
    MAX(CASE WHEN ("s"."stage" = CAST($2 AS VARCHAR)) THEN "s"."at" END) AS "st_1",
    MAX(CASE WHEN ("s"."stage" = CAST($3 AS VARCHAR)) THEN "s"."at" END) AS "st_2",
    MAX(CASE WHEN ("s"."stage" = CAST($4 AS VARCHAR)) THEN "s"."at" END) AS "st_3",
    MAX(CASE WHEN ("s"."stage" = CAST($5 AS VARCHAR)) THEN "s"."at" END) AS "st_4",
    MAX(CASE WHEN ("s"."stage" = CAST($6 AS VARCHAR)) THEN "s"."at" END) AS "st_5",
    MAX(CASE WHEN ("s"."stage" = CAST($7 AS VARCHAR)) THEN "s"."at" END) AS "st_6",
    MAX(CASE WHEN ("s"."stage" = CAST($8 AS VARCHAR)) THEN "s"."at" END) AS "st_7",
    MAX(CASE WHEN ("s"."stage" = CAST($9 AS VARCHAR)) THEN "s"."at" END) AS "st_8"
  FROM "accord_lead_stages" AS "s"
  GROUP BY "s"."lead_key"
),
"first_activity" AS (
  SELECT "a"."lead_id" AS "lead_key",
    MIN("a"."at") AS "at"
  FROM "accord_activities" AS "a"
  INNER JOIN "accord_leads" AS "l" ON ("l"."key" = "a"."lead_id")
  LEFT JOIN "accord_lead_stages" AS "sp" ON (("sp"."lead_key" = "a"."lead_id") AND ("sp"."stage" = CAST($10 AS VARCHAR)))
  WHERE (("l"."first_touch" IS NULL) AND ("a"."at" IS NOT NULL) AND (("sp"."at" IS NULL) OR ("a"."at" >= "sp"."at")))
  GROUP BY "a"."lead_id"
),
"lead_facts" AS MATERIALIZED (
  SELECT "l"."key" AS "k",
    "l"."created" AS "c_created",
    "sp"."st_0" AS "st_0",
    "sp"."st_1" AS "st_1",
    "sp"."st_2" AS "st_2",
    "sp"."st_3" AS "st_3",
    "sp"."st_4" AS "st_4",
    "sp"."st_5" AS "st_5",
    "sp"."st_6" AS "st_6",
    "sp"."st_7" AS "st_7",
    "sp"."st_8" AS "st_8",
    COALESCE("l"."first_touch", "fa"."at") AS "c_first_touch",
    "l"."amount" AS "c_amount",
    "l"."reason_id" AS "c_reason",
    "l"."disposition_at" AS "c_disposition_at",
    CASE WHEN ("l"."owner_id" <> CAST($11 AS VARCHAR)) THEN 1 END AS "c_has_owner",
    COALESCE(NULLIF("l"."source", CAST($12 AS VARCHAR)), CAST($13 AS VARCHAR)) AS "d_0",
    COALESCE(NULLIF(json_extract_string("l"."record", $14), CAST($15 AS VARCHAR)), CAST($16 AS VARCHAR)) AS "d_1"
  FROM "accord_leads" AS "l"
  LEFT JOIN "stage_pivot" AS "sp" ON ("sp"."lead_key" = "l"."key")
  LEFT JOIN "first_activity" AS "fa" ON ("fa"."lead_key" = "l"."key")
),
"opportunity_links" AS (
  SELECT "ol"."opportunity_key" AS "opportunity_key",
    "ol"."position" AS "position",
    "ol"."lead_key" AS "lead_key"
  FROM "accord_opportunity_leads" AS "ol"
  INNER JOIN "lead_facts" AS "lf" ON ("lf"."k" = "ol"."lead_key")
),
"opportunity_lead" AS (
  SELECT "x"."opportunity_key" AS "opportunity_key",
    "x"."lead_key" AS "lead_key"
  FROM "opportunity_links" AS "x"
  INNER JOIN (SELECT "y"."opportunity_key" AS "opportunity_key",
    MIN("y"."position") AS "position"
  FROM "opportunity_links" AS "y"
  GROUP BY "y"."opportunity_key") AS "m" ON (("m"."opportunity_key" = "x"."opportunity_key") AND ("m"."position" = "x"."position"))
),
"opportunity_marketing" AS (
  SELECT "x"."opportunity_key" AS "opportunity_key",
    MAX(CASE WHEN ("lf"."st_1" <= "o"."created") THEN 1 ELSE 0 END) AS "m"
  FROM "opportunity_links" AS "x"
  INNER JOIN "lead_facts" AS "lf" ON ("lf"."k" = "x"."lead_key")
  INNER JOIN "accord_opportunities" AS "o" ON ("o"."key" = "x"."opportunity_key")
  GROUP BY "x"."opportunity_key"
),
"opportunity_facts" AS MATERIALIZED (
  SELECT "o"."key" AS "k",
    "o"."created" AS "c_created",
    "o"."closed" AS "c_closed",
    "o"."amount" AS "c_amount",
    CASE WHEN (("o"."won" = 1) OR (("o"."won" IS NULL) AND ("o"."stage" IN (CAST($17 AS VARCHAR))))) THEN 1 WHEN (("o"."won" = 0) OR ("o"."stage" IN (CAST($18 AS VARCHAR)))) THEN 0 END AS "c_won",
    COALESCE("om"."m", 0) AS "c_marketing",
    CASE WHEN ("ol"."lead_key" IS NOT NULL) THEN "lf"."d_0" ELSE COALESCE(NULLIF(json_extract_string("o"."record", $19), CAST($20 AS VARCHAR)), CAST($21 AS VARCHAR)) END AS "d_0",
    CASE WHEN ("ol"."lead_key" IS NOT NULL) THEN "lf"."d_1" ELSE COALESCE(NULLIF(json_extract_string("o"."record", $22), CAST($23 AS VARCHAR)), CAST($24 AS VARCHAR)) END AS "d_1"
  FROM "accord_opportunities" AS "o"
  LEFT JOIN "opportunity_lead" AS "ol" ON ("ol"."opportunity_key" = "o"."key")
  LEFT JOIN "lead_facts" AS "lf" ON ("lf"."k" = "ol"."lead_key")
  LEFT JOIN "opportunity_marketing" AS "om" ON ("om"."opportunity_key" = "o"."key")
),
"agg_0" AS (
  SELECT "f"."d_0" AS "d_0",
    "f"."d_1" AS "d_1",
    CASE WHEN ("f"."c_created" < 1769922000000) THEN 0 WHEN ("f"."c_created" < 1772341200000) THEN 1 WHEN ("f"."c_created" < 1775016000000) THEN 2 END AS "p",
    GROUPING("f"."d_0") AS "total",
    COUNT(*) FILTER (WHERE ("f"."c_created" IS NOT NULL)) AS "v_0",
    COUNT(*) FILTER (WHERE ("f"."c_reason" = CAST($25 AS VARCHAR))) AS "v_4",
    COUNT(*) FILTER (WHERE ("f"."c_reason" IS NOT NULL)) AS "v_5"
  FROM "lead_facts" AS "f"
  WHERE (("f"."c_created" >= 1767243600000) AND ("f"."c_created" < 1775016000000))
  GROUP BY GROUPING SETS (("f"."d_0", "f"."d_1", CASE WHEN ("f"."c_created" < 1769922000000) THEN 0 WHEN ("f"."c_created" < 1772341200000) THEN 1 WHEN ("f"."c_created" < 1775016000000) THEN 2 END), ())
),
"agg_1" AS (
  SELECT "f"."d_0" AS "d_0",
    "f"."d_1" AS "d_1",
    CASE WHEN ("f"."st_1" < 1769922000000) THEN 0 WHEN ("f"."st_1" < 1772341200000) THEN 1 WHEN ("f"."st_1" < 1775016000000) THEN 2 END AS "p",
    GROUPING("f"."d_0") AS "total",
    COUNT(*) FILTER (WHERE ("f"."st_2" >= "f"."st_1")) AS "v_1",
    COUNT(*) FILTER (WHERE ("f"."st_1" IS NOT NULL)) AS "v_2",
    quantile_cont((("f"."st_2" - "f"."st_1") / CAST($26 AS DOUBLE)), 0.5) FILTER (WHERE (("f"."st_2" >= "f"."st_1") AND ((("f"."st_2" - "f"."st_1") / CAST($27 AS DOUBLE)) IS NOT NULL))) AS "v_3"
  FROM "lead_facts" AS "f"
  WHERE (("f"."st_1" >= 1767243600000) AND ("f"."st_1" < 1775016000000))
  GROUP BY GROUPING SETS (("f"."d_0", "f"."d_1", CASE WHEN ("f"."st_1" < 1769922000000) THEN 0 WHEN ("f"."st_1" < 1772341200000) THEN 1 WHEN ("f"."st_1" < 1775016000000) THEN 2 END), ())
),
"agg_2" AS (
  SELECT "f"."d_0" AS "d_0",
    "f"."d_1" AS "d_1",
    CASE WHEN ("f"."c_created" < 1769922000000) THEN 0 WHEN ("f"."c_created" < 1772341200000) THEN 1 WHEN ("f"."c_created" < 1775016000000) THEN 2 END AS "p",
    GROUPING("f"."d_0") AS "total",
    SUM("f"."c_amount") FILTER (WHERE (("f"."c_created" IS NOT NULL) AND ("f"."c_amount" IS NOT NULL))) AS "v_6",
    COUNT(*) FILTER (WHERE ("f"."c_won" = 1)) AS "v_7",
    COUNT(*) FILTER (WHERE ("f"."c_won" IS NOT NULL)) AS "v_8"
  FROM "opportunity_facts" AS "f"
  WHERE (("f"."c_created" >= 1767243600000) AND ("f"."c_created" < 1775016000000))
  GROUP BY GROUPING SETS (("f"."d_0", "f"."d_1", CASE WHEN ("f"."c_created" < 1769922000000) THEN 0 WHEN ("f"."c_created" < 1772341200000) THEN 1 WHEN ("f"."c_created" < 1775016000000) THEN 2 END), ())
),
"agg_3" AS (
  SELECT "f"."d_0" AS "d_0",
    "f"."d_1" AS "d_1",
    CASE WHEN ("f"."c_closed" < 1769922000000) THEN 0 WHEN ("f"."c_closed" < 1772341200000) THEN 1 WHEN ("f"."c_closed" < 1775016000000) THEN 2 END AS "p",
    GROUPING("f"."d_0") AS "total",
    SUM((("f"."c_closed" - "f"."c_created") / CAST($28 AS DOUBLE))) FILTER (WHERE (("f"."c_won" = 1) AND ("f"."c_closed" >= "f"."c_created"))) AS "v_9",
    COUNT(*) FILTER (WHERE (("f"."c_won" = 1) AND ("f"."c_closed" >= "f"."c_created"))) AS "v_10"
  FROM "opportunity_facts" AS "f"
  WHERE (("f"."c_closed" >= 1767243600000) AND ("f"."c_closed" < 1775016000000))
  GROUP BY GROUPING SETS (("f"."d_0", "f"."d_1", CASE WHEN ("f"."c_closed" < 1769922000000) THEN 0 WHEN ("f"."c_closed" < 1772341200000) THEN 1 WHEN ("f"."c_closed" < 1775016000000) THEN 2 END), ())
)
SELECT -1 AS "node",
  "g"."total" AS "total",
  "g"."d_0" AS "d_0",
  "g"."d_1" AS "d_1",
  "g"."p" AS "p",
  CAST(NULL AS DOUBLE) AS "v"
FROM "agg_0" AS "g"
UNION ALL
SELECT 0 AS "node",
  "g"."total" AS "total",
  "g"."d_0" AS "d_0",
  "g"."d_1" AS "d_1",
  "g"."p" AS "p",
  "g"."v_0" AS "v"
FROM "agg_0" AS "g"
UNION ALL
SELECT 4 AS "node",
  "g"."total" AS "total",
  "g"."d_0" AS "d_0",
  "g"."d_1" AS "d_1",
  "g"."p" AS "p",
  "g"."v_4" AS "v"
FROM "agg_0" AS "g"
UNION ALL
SELECT 5 AS "node",
  "g"."total" AS "total",
  "g"."d_0" AS "d_0",
  "g"."d_1" AS "d_1",
  "g"."p" AS "p",
  "g"."v_5" AS "v"
FROM "agg_0" AS "g"
UNION ALL
SELECT -1 AS "node",
  "g"."total" AS "total",
  "g"."d_0" AS "d_0",
  "g"."d_1" AS "d_1",
  "g"."p" AS "p",
  CAST(NULL AS DOUBLE) AS "v"
FROM "agg_1" AS "g"
UNION ALL
SELECT 1 AS "node",
  "g"."total" AS "total",
  "g"."d_0" AS "d_0",
  "g"."d_1" AS "d_1",
  "g"."p" AS "p",
  "g"."v_1" AS "v"
FROM "agg_1" AS "g"
UNION ALL
SELECT 2 AS "node",
  "g"."total" AS "total",
  "g"."d_0" AS "d_0",
  "g"."d_1" AS "d_1",
  "g"."p" AS "p",
  "g"."v_2" AS "v"
FROM "agg_1" AS "g"
UNION ALL
SELECT 3 AS "node",
  "g"."total" AS "total",
  "g"."d_0" AS "d_0",
  "g"."d_1" AS "d_1",
  "g"."p" AS "p",
  "g"."v_3" AS "v"
FROM "agg_1" AS "g"
UNION ALL
SELECT -1 AS "node",
  "g"."total" AS "total",
  "g"."d_0" AS "d_0",
  "g"."d_1" AS "d_1",
  "g"."p" AS "p",
  CAST(NULL AS DOUBLE) AS "v"
FROM "agg_2" AS "g"
UNION ALL
SELECT 6 AS "node",
  "g"."total" AS "total",
  "g"."d_0" AS "d_0",
  "g"."d_1" AS "d_1",
  "g"."p" AS "p",
  "g"."v_6" AS "v"
FROM "agg_2" AS "g"
UNION ALL
SELECT 7 AS "node",
  "g"."total" AS "total",
  "g"."d_0" AS "d_0",
  "g"."d_1" AS "d_1",
  "g"."p" AS "p",
  "g"."v_7" AS "v"
FROM "agg_2" AS "g"
UNION ALL
SELECT 8 AS "node",
  "g"."total" AS "total",
  "g"."d_0" AS "d_0",
  "g"."d_1" AS "d_1",
  "g"."p" AS "p",
  "g"."v_8" AS "v"
FROM "agg_2" AS "g"
UNION ALL
SELECT -1 AS "node",
  "g"."total" AS "total",
  "g"."d_0" AS "d_0",
  "g"."d_1" AS "d_1",
  "g"."p" AS "p",
  CAST(NULL AS DOUBLE) AS "v"
FROM "agg_3" AS "g"
UNION ALL
SELECT 9 AS "node",
  "g"."total" AS "total",
  "g"."d_0" AS "d_0",
  "g"."d_1" AS "d_1",
  "g"."p" AS "p",
  "g"."v_9" AS "v"
FROM "agg_3" AS "g"
UNION ALL
SELECT 10 AS "node",
  "g"."total" AS "total",
  "g"."d_0" AS "d_0",
  "g"."d_1" AS "d_1",
  "g"."p" AS "p",
  "g"."v_10" AS "v"
FROM "agg_3" AS "g"
UNION ALL
SELECT 0 AS "node",
  2 AS "total",
  CAST(NULL AS VARCHAR) AS "d_0",
  CAST(NULL AS VARCHAR) AS "d_1",
  0 AS "p",
  COUNT(*) FILTER (WHERE ("f"."st_2" < "f"."st_1")) AS "v"
FROM "lead_facts" AS "f"
UNION ALL
SELECT 1 AS "node",
  2 AS "total",
  CAST(NULL AS VARCHAR) AS "d_0",
  CAST(NULL AS VARCHAR) AS "d_1",
  0 AS "p",
  COUNT(*) FILTER (WHERE ("f"."c_closed" < "f"."c_created")) AS "v"
FROM "opportunity_facts" AS "f";

-- negative durations
-- params: ["inquiry","mql","sal","sql","opportunity","closed_won","closed_lost","recycled","disqualified","mql","","closed_won","closed_lost"]
WITH "stage_pivot" AS MATERIALIZED (
  SELECT "s"."lead_key" AS "lead_key",
    MAX(CASE WHEN ("s"."stage" = CAST($1 AS VARCHAR)) THEN "s"."at" END) AS "st_0",
    MAX(CASE WHEN ("s"."stage" = CAST($2 AS VARCHAR)) THEN "s"."at" END) AS "st_1",
    MAX(CASE WHEN ("s"."stage" = CAST($3 AS VARCHAR)) THEN "s"."at" END) AS "st_2",
    MAX(CASE WHEN ("s"."stage" = CAST($4 AS VARCHAR)) THEN "s"."at" END) AS "st_3",
    MAX(CASE WHEN ("s"."stage" = CAST($5 AS VARCHAR)) THEN "s"."at" END) AS "st_4",
    MAX(CASE WHEN ("s"."stage" = CAST($6 AS VARCHAR)) THEN "s"."at" END) AS "st_5",
    MAX(CASE WHEN ("s"."stage" = CAST($7 AS VARCHAR)) THEN "s"."at" END) AS "st_6",
    MAX(CASE WHEN ("s"."stage" = CAST($8 AS VARCHAR)) THEN "s"."at" END) AS "st_7",
    MAX(CASE WHEN ("s"."stage" = CAST($9 AS VARCHAR)) THEN "s"."at" END) AS "st_8"
  FROM "accord_lead_stages" AS "s"
  GROUP BY "s"."lead_key"
),
"first_activity" AS (
  SELECT "a"."lead_id" AS "lead_key",
    MIN("a"."at") AS "at"
  FROM "accord_activities" AS "a"
  INNER JOIN "accord_leads" AS "l" ON ("l"."key" = "a"."lead_id")
  LEFT JOIN "accord_lead_stages" AS "sp" ON (("sp"."lead_key" = "a"."lead_id") AND ("sp"."stage" = CAST($10 AS VARCHAR)))
  WHERE (("l"."first_touch" IS NULL) AND ("a"."at" IS NOT NULL) AND (("sp"."at" IS NULL) OR ("a"."at" >= "sp"."at")))
  GROUP BY "a"."lead_id"
),
"lead_facts" AS MATERIALIZED (
  SELECT "l"."key" AS "k",
    "l"."created" AS "c_created",
    "sp"."st_0" AS "st_0",
    "sp"."st_1" AS "st_1",
    "sp"."st_2" AS "st_2",
    "sp"."st_3" AS "st_3",
    "sp"."st_4" AS "st_4",
    "sp"."st_5" AS "st_5",
    "sp"."st_6" AS "st_6",
    "sp"."st_7" AS "st_7",
    "sp"."st_8" AS "st_8",
    COALESCE("l"."first_touch", "fa"."at") AS "c_first_touch",
    "l"."amount" AS "c_amount",
    "l"."reason_id" AS "c_reason",
    "l"."disposition_at" AS "c_disposition_at",
    CASE WHEN ("l"."owner_id" <> CAST($11 AS VARCHAR)) THEN 1 END AS "c_has_owner"
  FROM "accord_leads" AS "l"
  LEFT JOIN "stage_pivot" AS "sp" ON ("sp"."lead_key" = "l"."key")
  LEFT JOIN "first_activity" AS "fa" ON ("fa"."lead_key" = "l"."key")
),
"opportunity_links" AS (
  SELECT "ol"."opportunity_key" AS "opportunity_key",
    "ol"."position" AS "position",
    "ol"."lead_key" AS "lead_key"
  FROM "accord_opportunity_leads" AS "ol"
  INNER JOIN "lead_facts" AS "lf" ON ("lf"."k" = "ol"."lead_key")
),
"opportunity_lead" AS (
  SELECT "x"."opportunity_key" AS "opportunity_key",
    "x"."lead_key" AS "lead_key"
  FROM "opportunity_links" AS "x"
  INNER JOIN (SELECT "y"."opportunity_key" AS "opportunity_key",
    MIN("y"."position") AS "position"
  FROM "opportunity_links" AS "y"
  GROUP BY "y"."opportunity_key") AS "m" ON (("m"."opportunity_key" = "x"."opportunity_key") AND ("m"."position" = "x"."position"))
),
"opportunity_marketing" AS (
  SELECT "x"."opportunity_key" AS "opportunity_key",
    MAX(CASE WHEN ("lf"."st_1" <= "o"."created") THEN 1 ELSE 0 END) AS "m"
  FROM "opportunity_links" AS "x"
  INNER JOIN "lead_facts" AS "lf" ON ("lf"."k" = "x"."lead_key")
  INNER JOIN "accord_opportunities" AS "o" ON ("o"."key" = "x"."opportunity_key")
  GROUP BY "x"."opportunity_key"
),
"opportunity_facts" AS MATERIALIZED (
  SELECT "o"."key" AS "k",
    "o"."created" AS "c_created",
    "o"."closed" AS "c_closed",
    "o"."amount" AS "c_amount",
    CASE WHEN (("o"."won" = 1) OR (("o"."won" IS NULL) AND ("o"."stage" IN (CAST($12 AS VARCHAR))))) THEN 1 WHEN (("o"."won" = 0) OR ("o"."stage" IN (CAST($13 AS VARCHAR)))) THEN 0 END AS "c_won",
    COALESCE("om"."m", 0) AS "c_marketing"
  FROM "accord_opportunities" AS "o"
  LEFT JOIN "opportunity_lead" AS "ol" ON ("ol"."opportunity_key" = "o"."key")
  LEFT JOIN "lead_facts" AS "lf" ON ("lf"."k" = "ol"."lead_key")
  LEFT JOIN "opportunity_marketing" AS "om" ON ("om"."opportunity_key" = "o"."key")
)
SELECT 0 AS "pair",
  COUNT(*) FILTER (WHERE ("f"."st_2" < "f"."st_1")) AS "n"
FROM "lead_facts" AS "f"
UNION ALL
SELECT 1 AS "pair",
  COUNT(*) FILTER (WHERE ("f"."c_closed" < "f"."c_created")) AS "n"
FROM "opportunity_facts" AS "f";
