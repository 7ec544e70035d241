"""Rebuild the administrative-unit code tables in ``ntp_criteria/data/`` from the ``vietnamadminunits`` package.

Run it by hand, in a throw-away environment (the package pulls shapely, numpy and geopy, which the library does not
need)::

    python3 -m venv /tmp/units && /tmp/units/bin/pip install vietnamadminunits==1.0.4 vietnam-provinces==2025.10.1
    /tmp/units/bin/python docs/research/unit_tables.py ntp_criteria/data

``vietnamadminunits`` (MIT licence, (c) 2025 Tran Ngoc Minh Hieu) compiled its tables from the General Statistics
Office's catalogue (danhmuchanhchinh.gso.gov.vn) and the Ministry's merger map (sapnhap.bando.com.vn). The script
writes four CSV files and prints their row counts. When ``vietnam-provinces`` (a second restatement, GPL, so only
compared with, never copied) is installed too, it prints how many post-July-2025 codes the two disagree on.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import sys
from collections import defaultdict
from pathlib import Path

import vietnamadminunits  # type: ignore[import-not-found]

HERE = Path(vietnamadminunits.__file__).parent / "data"


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(header)
        out.writerows(rows)
    print(f"{path.name}: {len(rows)} rows")


def main(target: Path) -> None:
    db = sqlite3.connect(HERE / "dataset.db")
    legacy = db.execute("SELECT provinceCode, districtCode, district, wardCode, ward, provinceKey, districtKey, "
                        "wardKey FROM admin_units_legacy").fetchall()
    current = db.execute("SELECT provinceCode, wardCode, ward, provinceKey, wardKey FROM admin_units").fetchall()

    districts = sorted({(d, name, p) for p, d, name, *_ in legacy})
    _write(target / "units-districts-2025-06.csv", ["code", "name", "province_code"],
           [[d, name, p] for d, name, p in districts])
    before = sorted((w, name, d, p) for p, d, _, w, name, *_ in legacy if w)
    _write(target / "units-communes-2025-06.csv", ["code", "name", "district_code", "province_code"],
           [list(r) for r in before])
    after = sorted((w, name, p) for p, w, name, *_ in current)
    _write(target / "units-communes-2025-07.csv", ["code", "name", "province_code"], [list(r) for r in after])

    old_by_key = {f"{pk}_{dk}_{wk}": w for _, _, _, w, _, pk, dk, wk in legacy if w}
    new_by_key = {(pk, wk): w for _, w, _, pk, wk in current}
    conv = json.loads((HERE / "converter_2025.json").read_text(encoding="utf-8"))
    links: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for province, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_key, old_keys in wards.items():
            for old_key in old_keys:
                if old_key in old_by_key:
                    links[old_by_key[old_key]].add((new_by_key[province, new_key], "whole"))
    for province, olds in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, news in olds.items():
            if old_key in old_by_key:
                for new in news:
                    links[old_by_key[old_key]].add((new_by_key[province, new["newWardKey"]], "part"))
    rows = []
    for old, news in sorted(links.items()):
        # an old commune listed whole under one new commune and in part under others is split: every part
        share = "part" if len({n for n, _ in news}) > 1 else "whole"
        rows += [[old, new, share] for new in sorted({n for n, _ in news})]
    _write(target / "units-commune-successors-2025.csv", ["old_code", "new_code", "share"], rows)

    try:
        from vietnam_provinces import Ward  # type: ignore[import-not-found]
    except ImportError:
        print("vietnam-provinces not installed: no comparison")
        return
    # vietnam-provinces 2025.10.1 took its codes from the government's *draft* list; 114 codes differ from the
    # GSO's letter 1027/CTK-CSCL of 25 June 2025, which vietnamadminunits follows (checked by hand for Hà Nội
    # and Cao Bằng against a third transcription of that letter). Shown, never used.
    theirs = {f"{int(w.code):05d}": (w.name, f"{int(w.province_code):02d}") for w in Ward.iter_all()}
    ours = {w: (name, p) for w, name, p in after}
    print(f"vietnam-provinces: {len(theirs.keys() ^ ours.keys())} codes in one table only")

if __name__ == "__main__":
    main(Path(sys.argv[1]))
