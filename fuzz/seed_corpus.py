"""Write the seed corpora: valid inputs that the fuzzer mutates (demo households, their assessments,
every rules file, CSV rows)."""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path

import ntp_criteria as ntp
from ntp_criteria.io import _demo
from ntp_criteria.io import json as nj

ROOT = Path(__file__).parent / "corpus"


def put(kind: str, data: bytes) -> None:
    folder = ROOT / kind
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()[:16]).write_bytes(data)


for hh in _demo.households():
    put("json", nj.dumps(hh).encode())
    put("batch", b"\x00" + nj.dumps(hh).encode())
put("json", nj.dumps(ntp.assess(_demo.households()[1])).encode())
for entry in (resources.files("ntp_criteria") / "rules").iterdir():
    if entry.name.endswith(".toml"):
        put("rules", entry.read_bytes())
put("batch", b"\x03name,code,region,reference_date,flags,fact:em_household_share,fact:poverty_rate\n"
             b"A,01234,tdmnpb,2023-06-01,,40,20\nB,,dbscl,2026-03-01,particularly_difficult,12.5,30\n")
put("batch", b"\x01id,area,reference_date,monthly_income_per_capita,deprivation_count,deprived,not_deprived\n"
             b"A,rural,2024-05-01,1500000,3,,\nB,urban,2027-01-01,2800000,,water;latrine,telecom\n")
