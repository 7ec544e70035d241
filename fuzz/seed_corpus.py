"""Write the seed corpora: valid inputs that the fuzzer mutates (demo households, their assessments, units, a
ruleset, every rules file, CSV rows), and the awkward ones people send: non-finite facts ("NaN", "Infinity",
"1E+1000000", as strings and as JSON literals), huge numbers, a byte-order mark before a CSV header, a key given
twice in one JSON object, a column given twice in a CSV header, NFD-normalised province names and look-alike codes.

    python fuzz/seed_corpus.py          # writes fuzz/corpus/<target>/ (git-ignored)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import unicodedata
from importlib import resources
from pathlib import Path

import ntp_criteria as ntp
from ntp_criteria.io import _demo
from ntp_criteria.io import json as nj

ROOT = Path(__file__).parent / "corpus"
ON = dt.date(2024, 11, 15)
BOM = "\ufeff".encode()
#: the first byte of a json_assess input chooses how the rest is read: a payload, or a bare Household, Commune or
#: Village object
AS_PAYLOAD, AS_HOUSEHOLD, AS_COMMUNE, AS_VILLAGE = b"\x00", b"\x01", b"\x02", b"\x03"
#: the first byte of a batch input: odd = CSV, even = JSON; (byte // 2) % 3 = household, commune, village
JSON_HOUSEHOLDS, CSV_HOUSEHOLDS, JSON_COMMUNES, CSV_COMMUNES, JSON_VILLAGES, CSV_VILLAGES = (
    bytes([i]) for i in range(6))


def put(kind: str, data: bytes) -> None:
    folder = ROOT / kind
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()[:16]).write_bytes(data)


def text(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode()


NON_FINITE = ["NaN", "Infinity", "-Infinity", "1E+1000000", "sNaN", "1E-1000000", "9" * 40]
COMMUNE = {"name": "Xã A", "reference_date": "2024-11-15", "region": "tn", "province": "Đắk Lắk",
           "flags": ["particularly_difficult"], "facts": {"poverty_rate": 12, "em_household_share": "60.5"},
           "observations": {"1": True, "2.1": 85, "ethnic.commune:2.1": True}}
HOUSEHOLD = {"area": "rural", "reference_date": "2024-11-15", "monthly_income_per_capita": "1500000",
             "deprivation_count": 3, "deprived": ["water", "latrine"], "not_deprived": ["telecom"],
             "members": [{"age": 30, "health_insured": True, "employment": "unemployed"}],
             "dwelling": {"floor_area_m2": "23.99", "water_source": "piped"}}


def main() -> None:
    households = _demo.households()
    commune = ntp.Commune(name="Xã A", reference_date=ON, region=ntp.Region.TN, facts={"poverty_rate": 12},
                          observations={"1": True})
    # --- json and json_assess: payloads of every kind ---------------------------------------------------------
    for hh in households:
        put("json", nj.dumps(hh).encode())
        put("json_assess", AS_PAYLOAD + nj.dumps(hh).encode())
        put("batch", JSON_HOUSEHOLDS + nj.dumps(hh).encode())
    assessment = nj.dumps(ntp.assess(households[1])).encode()
    put("json", assessment)
    put("json_assess", AS_PAYLOAD + assessment)
    for unit in (commune, ntp.Village(name="Thôn B", reference_date=ON, facts={"poverty_rate": 30})):
        put("json", nj.dumps(unit).encode())
        put("json_assess", AS_PAYLOAD + nj.dumps(unit).encode())
    put("json_assess", AS_PAYLOAD + nj.dumps(ntp.ruleset("ethnic.commune", ON)).encode())
    put("json_assess", AS_HOUSEHOLD + text(HOUSEHOLD))
    put("json_assess", AS_COMMUNE + text(COMMUNE))
    # non-finite and huge facts, as strings and as the literals Python's json module reads
    for bad in NON_FINITE:
        facts = {**COMMUNE, "facts": {"poverty_rate": bad, "em_household_share": "60"}}
        put("json_assess", AS_COMMUNE + text(facts))
        put("json_assess", AS_VILLAGE + text({**facts, "observations": {}}))
        put("json_assess", AS_HOUSEHOLD + text({**HOUSEHOLD, "monthly_income_per_capita": bad}))
        put("json", nj.dumps(commune).replace('"poverty_rate": 12', f'"poverty_rate": "{bad}"').encode())
        put("batch", JSON_COMMUNES + text([facts]))
    for literal in ("NaN", "Infinity", "-Infinity", "1e400", "1E+1000000", "9" * 5000):
        raw = f'{{"name": "Xã A", "reference_date": "2024-11-15", "facts": {{"poverty_rate": {literal}}}}}'
        put("json_assess", AS_COMMUNE + raw.encode())
        put("batch", JSON_COMMUNES + f"[{raw}]".encode())
        put("json", nj.dumps(commune).replace('"poverty_rate": 12', f'"poverty_rate": {literal}').encode())
    # a key given twice in one object: which value counts?
    twice = b'{"area": "rural", "area": "urban", "reference_date": "2024-11-15", "monthly_income_per_capita": 1}'
    put("json_assess", AS_HOUSEHOLD + twice)
    put("batch", JSON_HOUSEHOLDS + b"[" + twice + b"]")
    put("json", b'{"schema_version": 1, "type": "Household", "type": "Commune", "data": '
                + text({"area": "rural", "reference_date": "2024-11-15"}) + b"}")
    put("json_assess", AS_COMMUNE + b'{"name": "A", "reference_date": "2024-11-15", '
                                 b'"facts": {"poverty_rate": 5, "poverty_rate": "NaN"}}')
    # NFD province names and look-alike codes
    nfd = {**COMMUNE, "region": None, "province": unicodedata.normalize("NFD", "Lạng Sơn"),
           "flags": ["particularly_dіfficult"], "facts": {"povеrty_rate": 12}}
    put("json_assess", AS_COMMUNE + text(nfd))
    put("json_assess", AS_HOUSEHOLD + text({**HOUSEHOLD, "area": "rurаl", "deprived": ["wаter", "latrine "]}))
    # --- rules ----------------------------------------------------------------------------------------------------
    for entry in (resources.files("ntp_criteria") / "rules").iterdir():
        if entry.name.endswith(".toml"):
            put("rules", entry.read_bytes())
    # --- batch: CSV with a BOM, a column twice, non-finite cells --------------------------------------------------
    communes = (b"name,code,region,reference_date,flags,fact:em_household_share,fact:poverty_rate\n"
                b"A,01234,tdmnpb,2023-06-01,,40,20\nB,,dbscl,2026-03-01,particularly_difficult,12.5,30\n")
    households_csv = (b"id,area,reference_date,monthly_income_per_capita,deprivation_count,deprived,not_deprived\n"
                      b"A,rural,2024-05-01,1500000,3,,\nB,urban,2027-01-01,2800000,,water;latrine,telecom\n")
    for kind, csv_text in ((CSV_COMMUNES, communes), (CSV_HOUSEHOLDS, households_csv)):
        put("batch", kind + csv_text)
        put("batch", kind + BOM + csv_text)
        put("batch", kind + csv_text.replace(b"\n", b"\r\n"))
    put("batch", CSV_VILLAGES + b"name,reference_date,fact:poverty_rate,obs:1\nT,2024-11-15,35,true\n")
    for bad in NON_FINITE:
        put("batch", CSV_COMMUNES + f"name,reference_date,region,fact:poverty_rate\nA,2024-11-15,tn,{bad}\n".encode())
        put("batch", CSV_HOUSEHOLDS + f"area,reference_date,monthly_income_per_capita\nrural,2024-11-15,{bad}\n"
                                      .encode())
    put("batch", CSV_HOUSEHOLDS + b"area,area,reference_date\nrural,urban,2024-11-15\n")
    put("batch", CSV_COMMUNES + b"name,reference_date,fact:poverty_rate,fact:poverty_rate\nA,2024-11-15,5,NaN\n")
    put("batch", CSV_COMMUNES + b"name,name,reference_date\nA,B,2024-11-15\n")
    put("batch", CSV_HOUSEHOLDS + BOM + b"area,reference_date,deprived\nrur\xd0\xb0l,2024-11-15,w\xd0\xb0ter\n")
    # --- household and unit: the targets decode typed values from raw bytes; a few spread-out seeds -----------
    for kind in ("household", "unit"):
        for i in range(16):
            put(kind, bytes((i * 37 + j * 11) % 256 for j in range(64 + 16 * i)))


if __name__ == "__main__":
    main()
