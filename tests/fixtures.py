"""Shared test fixtures: small rules files that load, for tests that build their own catalogue.

Test modules import these from here, never from one another.
"""

from __future__ import annotations

#: a minimal valid rules file: one instrument, one household ruleset
GOOD = """
schema = 1
[instrument]
id = "test-1"
number = "1/2024/NĐ-CP"
kind = "decree"
issuer = "Chính phủ"
signed = 2024-01-01
title_vi = "t"
title_en = "t"
source = { cite = "header", status = "verified" }

[[rulesets]]
family = "poverty.household"
subject = "household"
title_vi = "t"
title_en = "t"
cite = "Art. 1"
valid_from = 2024-01-01
valid_to = 2024-12-31
validity = { cite = "Art. 1", status = "verified" }
outcome = "poverty.single-income-line"
dimensions = { area = ["rural", "urban"] }

[[rulesets.criteria]]
code = "income"
name_vi = "t"
name_en = "t"
[[rulesets.criteria.indicators]]
code = "income.line"
name_vi = "t"
name_en = "t"
measure = "household.monthly_income_per_capita"
[[rulesets.criteria.indicators.thresholds]]
area = "rural"
op = "<="
value = 1000
unit = "VND"
source = { cite = "Art. 1.a", status = "verified" }
[[rulesets.criteria.indicators.thresholds]]
area = "urban"
op = "<="
value = 2000
unit = "VND"
source = { cite = "Art. 1.b", status = "unverified" }

[[rulesets.criteria]]
code = "deprivation"
name_vi = "t"
name_en = "t"
rollup = "count"
count_threshold = { op = ">=", value = 1, unit = "indicators", source = { cite = "Art. 2", status = "secondary" } }
[[rulesets.criteria.indicators]]
code = "water"
name_vi = "t"
name_en = "t"
measure = "household.unclean_water"
[[rulesets.criteria.indicators.parameters]]
name = "clean_sources"
kinds = ["piped"]
unit = "kinds"
source = { cite = "Annex", status = "unverified" }
"""

#: a rules file ending a family on a date (the district sets when districts were abolished)
FAMILY_END = """
schema = 1
[instrument]
id = "t"
number = "1/T"
kind = "decision"
issuer = "t"
signed = 2022-01-01
title_vi = "t"
title_en = "t"
source = { cite = "t", status = "verified" }
[[rulesets]]
family = "ntm.district"
subject = "district"
title_vi = "t"
title_en = "t"
cite = "t"
valid_from = 2022-01-01
valid_to = 2025-06-30
validity = { cite = "t", status = "verified" }
outcome = "ntm.all-criteria"
[[rulesets.criteria]]
code = "1"
name_vi = "t"
name_en = "t"
[[family_ends]]
families = ["ntm.district"]
on = 2025-07-01
reason = "gone"
source = { cite = "t", status = "secondary", url = "https://example.org" }
"""
