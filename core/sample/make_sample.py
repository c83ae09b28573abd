#!/usr/bin/env python3
"""Generates core/sample/province.json, antq's bundled sample dataset.

EVERYTHING THIS SCRIPT WRITES IS SYNTHETIC: made up for demonstration, not real
review results. Place names follow the real geography of Hải Dương province before
the 2025 reform; the 2025 part is illustrative and does not model the real merger of
provinces (Hải Dương joined Hải Phòng) nor the real merger of communes.

Deterministic: standard library only, a fixed seed, and sorted output, so running it
again gives a byte-identical file:

    python3 core/sample/make_sample.py            # writes core/sample/province.json
    python3 core/sample/make_sample.py --check    # fails if the file is out of date

What the sample is built to show (checked by evaluating it with antq):
  * Circular 124, 2023: most units meet the standard; residential areas fail on a late
    registration (2023-04-02), 99% of households, an attested "no"; registration on
    31 March passes and on 1 April fails; Xã Hồng Phong (NS-HP) fails CW-4 with 17 of its
    25 in-scope units recognised, Xã An Bình (NS-AB) passes with 18 of 25; Xã Quốc Tuấn
    (NS-QT) fails CW-3 (one disciplined officer); some units are undetermined.
  * Incidents on window boundaries: residential areas count 1 Nov Y-1 – 31 Oct Y, so
    2022-11-01 counts toward 2023 and 2023-11-01 does not; communes and schools count
    16 Nov Y-1 – 15 Nov Y, so 2023-11-15 counts toward 2023 and 2023-11-16 only toward 2024.
  * Typical communes 2023 (Decision 9745 with the sample supplement: 32 of 34 criteria,
    2 per district): in Kinh Môn only Phường Thái Thịnh (KM-TT) and Xã Minh Hòa (KM-MH),
    as in the news of 30/11/2023; other Kinh Môn communes fail the Circular 124
    prerequisite or meet fewer criteria.
  * 2025: districts and the thị trấn end on 2025-06-30; communes move to the province;
    merged communes and a (fictional) special zone start on 2025-07-01.
  * Decision 510, 2023 and 2025: reviewed and self scores for the four known items of the
    agency/enterprise sheet and the eight items of the sample supplement.
"""

import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path

OUT = Path(__file__).resolve().parent / "province.json"

rng = random.Random(2023)

REFORM = "2025-07-01"
LAST_DAY_BEFORE_REFORM = "2025-06-30"
DISTRICT_POLICE_END = "2025-02-28"  # district police ended on 1 March 2025

# ---------------------------------------------------------------- helpers


def iso(y, m, d):
    return date(y, m, d).isoformat()


def q1_date(y, latest=(3, 25)):
    """A random day in the first quarter, on or before `latest` (month, day)."""
    start = date(y, 1, 3)
    end = date(y, *latest)
    return (start + timedelta(days=rng.randint(0, (end - start).days))).isoformat()


def natural_key(s):
    """Sort key that orders TC-2 before TC-10."""
    out = []
    num = ""
    for ch in s:
        if ch.isdigit():
            num += ch
        else:
            if num:
                out.append((1, int(num), ""))
                num = ""
            out.append((0, 0, ch))
    if num:
        out.append((1, int(num), ""))
    return out


units = {}
evidence = {}  # (unit id, year) -> dict
incidents = []
activities = []


def add_unit(uid, name, kind, parent=None, *, subkind=None, armed_forces=None, size=None, level=None,
             parent_changes=None, valid_from=None, valid_until=None):
    assert uid not in units, uid
    u = {"id": uid, "name": name, "kind": kind}
    if subkind is not None:
        u["subkind"] = subkind
    if armed_forces:
        u["armed_forces"] = True
    if size is not None:
        u["size"] = size
    if level is not None:
        u["level"] = level
    if parent is not None:
        u["parent"] = parent
    if parent_changes:
        u["parent_changes"] = [{"from": f, "parent": p} for f, p in parent_changes]
    if valid_from is not None:
        u["valid_from"] = valid_from
    if valid_until is not None:
        u["valid_until"] = valid_until
    units[uid] = u
    return u


def in_scope(u):
    if u["kind"] == "agency":
        return not u.get("armed_forces", False)
    if u["kind"] == "enterprise":
        return u["size"] not in ("micro", "small")
    if u["kind"] == "school":
        return u["level"] not in ("creche", "kindergarten", "primary")
    return u["kind"] in ("commune", "residential_area")


def exists_in(u, year):
    """Whether the unit exists on the year's review date (15 November)."""
    d = iso(year, 11, 15)
    return u.get("valid_from", "0000") <= d <= u.get("valid_until", "9999")


# ---------------------------------------------------------------- the hierarchy

PROVINCE = "HD"
add_unit(PROVINCE, "Tỉnh Hải Dương", "province", subkind="tinh")

# Province-managed organisations.
add_unit("HD-CA", "Công an tỉnh Hải Dương", "agency", PROVINCE, armed_forces=True)
add_unit("HD-CQ01", "Sở Tư pháp tỉnh Hải Dương", "agency", PROVINCE)
add_unit("HD-CQ02", "Đài Phát thanh và Truyền hình tỉnh Hải Dương", "agency", PROVINCE)
add_unit("HD-DN01", "Công ty TNHH MTV Khai thác công trình thủy lợi Hải Dương", "enterprise", PROVINCE, size="large")
add_unit("HD-GD01", "Trường THPT Kinh Môn", "school", PROVINCE, level="upper_secondary")
add_unit("HD-GD02", "Trường THPT Nam Sách", "school", PROVINCE, level="upper_secondary")

TO_PROVINCE = [(REFORM, PROVINCE)]

# District level (ends 2025-06-30). District-managed organisations move to the province.
DISTRICTS = [
    ("KM", "Thị xã Kinh Môn", "thi_xa"),
    ("NS", "Huyện Nam Sách", "huyen"),
    ("CL", "Thành phố Chí Linh", "thanh_pho"),
]
for did, name, sub in DISTRICTS:
    add_unit(did, name, "district", PROVINCE, subkind=sub, valid_until=LAST_DAY_BEFORE_REFORM)

add_unit("KM-CA", "Công an thị xã Kinh Môn", "agency", "KM", armed_forces=True, valid_until=DISTRICT_POLICE_END)
add_unit("KM-CQ01", "Trung tâm Y tế thị xã Kinh Môn", "agency", "KM", parent_changes=TO_PROVINCE)
add_unit("KM-DN01", "Công ty CP Xi măng Kinh Thầy", "enterprise", "KM", size="large", parent_changes=TO_PROVINCE)
add_unit("KM-GD01", "Trung tâm GDNN-GDTX thị xã Kinh Môn", "school", "KM", level="vocational",
         parent_changes=TO_PROVINCE)
add_unit("NS-CA", "Công an huyện Nam Sách", "agency", "NS", armed_forces=True, valid_until=DISTRICT_POLICE_END)
add_unit("NS-DN01", "Công ty TNHH Linh kiện điện tử Nam Sách", "enterprise", "NS", size="large",
         parent_changes=TO_PROVINCE)
add_unit("NS-DN02", "Công ty TNHH Vận tải Đức Phong", "enterprise", "NS", size="small", parent_changes=TO_PROVINCE)
add_unit("CL-CA", "Công an thành phố Chí Linh", "agency", "CL", armed_forces=True, valid_until=DISTRICT_POLICE_END)
add_unit("CL-CQ01", "Phòng Văn hóa và Thông tin thành phố Chí Linh", "agency", "CL",
         valid_until=LAST_DAY_BEFORE_REFORM)
add_unit("CL-DN01", "Công ty CP Gốm sứ Sao Đỏ", "enterprise", "CL", size="medium", parent_changes=TO_PROVINCE)

VILLAGES = ["Đông", "Đoài", "Nam", "Bắc", "Trung", "Thượng", "Hạ", "Tiền", "Hậu", "Tân Lập", "Tân Hưng",
            "Phú Lợi", "An Lạc", "Hòa Bình"]
AGENCIES = ["Trạm Y tế", "Trung tâm Văn hóa - Thể thao", "Hội Nông dân", "Hội Liên hiệp Phụ nữ",
            "Đoàn Thanh niên"]
ENTERPRISES = {
    "large": ["Công ty CP May {}", "Công ty TNHH Thép {}"],
    "medium": ["Công ty TNHH Cơ khí {}", "Công ty CP Vật liệu xây dựng {}", "Công ty TNHH Chế biến nông sản {}",
               "Công ty CP Bao bì {}"],
    "small": ["Công ty TNHH Thương mại {}", "Công ty TNHH Dịch vụ vận tải {}"],
    "micro": ["Hộ kinh doanh cơ khí {}"],
}
SCHOOLS = {
    "kindergarten": "Trường Mầm non {}",
    "primary": "Trường Tiểu học {}",
    "lower_secondary": "Trường THCS {}",
}

# id, name, subkind, district, residential areas, agencies in scope, armed-forces agency,
# enterprise sizes, school levels.
STD_SCHOOLS = ["kindergarten", "primary", "lower_secondary"]
BIG_ENTERPRISES = ["large", "medium", "medium", "medium", "small", "small"]
BIG_SCHOOLS = ["kindergarten", "primary", "lower_secondary", "lower_secondary"]
COMMUNES = [
    ("KM-TT", "Phường Thái Thịnh", "phuong", "KM", 6, 2, True, ["medium", "small"], STD_SCHOOLS),
    ("KM-MH", "Xã Minh Hòa", "xa", "KM", 5, 2, True, ["medium", "micro"], STD_SCHOOLS),
    ("KM-AL", "Phường An Lưu", "phuong", "KM", 6, 2, False, ["large", "small"], STD_SCHOOLS),
    ("KM-HS", "Phường Hiệp Sơn", "phuong", "KM", 5, 2, False, ["medium", "small"], STD_SCHOOLS),
    ("KM-LN", "Xã Lê Ninh", "xa", "KM", 5, 2, False, ["medium", "micro"], STD_SCHOOLS),
    ("NS-TT", "Thị trấn Nam Sách", "thi_tran", "NS", 5, 2, True, ["medium", "small"], STD_SCHOOLS),
    ("NS-AB", "Xã An Bình", "xa", "NS", 14, 5, True, BIG_ENTERPRISES, BIG_SCHOOLS),
    ("NS-HP", "Xã Hồng Phong", "xa", "NS", 14, 5, True, BIG_ENTERPRISES, BIG_SCHOOLS),
    ("NS-QT", "Xã Quốc Tuấn", "xa", "NS", 5, 2, False, ["medium", "small"], STD_SCHOOLS),
    ("CL-SD", "Phường Sao Đỏ", "phuong", "CL", 6, 2, True, ["large", "small"], STD_SCHOOLS),
    ("CL-VA", "Phường Văn An", "phuong", "CL", 5, 2, False, ["medium", "micro"], STD_SCHOOLS),
    ("CL-LL", "Xã Lê Lợi", "xa", "CL", 5, 2, False, ["medium", "small"], STD_SCHOOLS),
]

# The 2025 reform (illustrative, not the real merger): which communes end on 2025-06-30
# and which new commune takes over their residential areas and organisations.
MERGED_INTO = {
    "KM-AL": "KM-PKM", "KM-HS": "KM-PKM",
    "NS-TT": "NS-XNS", "NS-QT": "NS-XNS",
}

for cid, name, sub, did, n_ra, n_ag, armed, ents, schools in COMMUNES:
    short = name.split(" ", 1)[1]
    if cid in MERGED_INTO:
        add_unit(cid, name, "commune", did, subkind=sub, valid_until=LAST_DAY_BEFORE_REFORM)
        child_changes = [(REFORM, MERGED_INTO[cid])]
    else:
        add_unit(cid, name, "commune", did, subkind=sub, parent_changes=TO_PROVINCE)
        child_changes = None
    area_kind = "to_dan_pho" if sub in ("phuong", "thi_tran") else "thon"
    for i in range(n_ra):
        rname = f"Tổ dân phố số {i + 1}" if area_kind == "to_dan_pho" else f"Thôn {VILLAGES[i]}"
        add_unit(f"{cid}-KDC{i + 1:02d}", f"{rname}, {short}", "residential_area", cid, subkind=area_kind,
                 parent_changes=child_changes)
    for i in range(n_ag):
        add_unit(f"{cid}-CQ{i + 1:02d}", f"{AGENCIES[i]} {short}", "agency", cid, parent_changes=child_changes)
    if armed:
        add_unit(f"{cid}-CQ{n_ag + 1:02d}", f"Ban Chỉ huy Quân sự {short}", "agency", cid, armed_forces=True,
                 parent_changes=child_changes)
    used = {}
    for i, size in enumerate(ents):
        k = used.get(size, 0)
        used[size] = k + 1
        tmpl = ENTERPRISES[size][k % len(ENTERPRISES[size])]
        add_unit(f"{cid}-DN{i + 1:02d}", tmpl.format(short), "enterprise", cid, size=size,
                 parent_changes=child_changes)
    n_lower = 0
    for i, level in enumerate(schools):
        sname = SCHOOLS[level].format(short)
        if level == "lower_secondary":
            n_lower += 1
            if n_lower > 1:
                sname = f"Trường THCS Nguyễn Trãi, {short}"
        add_unit(f"{cid}-GD{i + 1:02d}", sname, "school", cid, level=level, parent_changes=child_changes)

# New communes from 2025-07-01 (merged), and a fictional special zone.
add_unit("KM-PKM", "Phường Kinh Môn", "commune", PROVINCE, subkind="phuong", valid_from=REFORM)
add_unit("NS-XNS", "Xã Nam Sách", "commune", PROVINCE, subkind="xa", valid_from=REFORM)
DK = "HD-DKKT"
add_unit(DK, "Đặc khu Kinh Thầy (giả định)", "commune", PROVINCE, subkind="dac_khu", valid_from=REFORM)
for i in range(3):
    add_unit(f"{DK}-KDC{i + 1:02d}", f"Khu phố {i + 1}, Đặc khu Kinh Thầy", "residential_area", DK,
             subkind="khu_pho", valid_from=REFORM)
add_unit(f"{DK}-CQ01", "Ban Quản lý các khu chức năng Đặc khu Kinh Thầy", "agency", DK, valid_from=REFORM)
add_unit(f"{DK}-DN01", "Công ty CP Cảng thủy nội địa Kinh Thầy", "enterprise", DK, size="medium",
         valid_from=REFORM)
add_unit(f"{DK}-DN02", "Công ty TNHH Dịch vụ du lịch Kinh Thầy", "enterprise", DK, size="micro",
         valid_from=REFORM)
add_unit(f"{DK}-GD01", "Trường THCS Kinh Thầy", "school", DK, level="lower_secondary", valid_from=REFORM)
# An enterprise founded in 2024 (no 2023 review).
add_unit("KM-TT-DN03", "Công ty TNHH Công nghệ xanh Thái Thịnh", "enterprise", "KM-TT", size="medium",
         valid_from="2024-03-01")

# ---------------------------------------------------------------- evidence

RULE_FLAGS = ["rules_unit_protection", "rules_state_secrets", "rules_internal_politics", "rules_labour_safety",
              "rules_fire_explosion", "rules_environment"]
D510_KNOWN = [("D510-AE-1", 3), ("D510-AE-2", 3), ("D510-AE-3", 5), ("D510-AE-4", 1)]
# The items of the sample supplement (sample/d510-supplement.toml): 88 points.
D510_SAMPLE = [("SAMPLE-AE-5", 10), ("SAMPLE-AE-6", 15), ("SAMPLE-AE-7", 10), ("SAMPLE-AE-8", 12),
               ("SAMPLE-AE-9", 8), ("SAMPLE-AE-10", 10), ("SAMPLE-AE-11", 15), ("SAMPLE-AE-12", 8)]
assert sum(m for _, m in D510_KNOWN + D510_SAMPLE) == 100

# Typical communes (Decision 9745): how many of the 34 criteria each commune meets.
# TC-2 is met by the Q1 dates; the others are attested. None = not surveyed.
TC_MET = {
    2023: {"KM-TT": 34, "KM-MH": 33, "KM-AL": 27, "KM-HS": 33, "KM-LN": 30, "NS-TT": 32, "NS-AB": 26,
           "NS-HP": 32, "NS-QT": 29, "CL-SD": 31, "CL-VA": 32, "CL-LL": 33},
    2025: {"KM-TT": 34, "KM-MH": 33, "KM-LN": 28, "KM-PKM": 25, "NS-AB": 32, "NS-HP": 30, "NS-XNS": 31,
           "CL-SD": 29, "CL-VA": 32, "CL-LL": 27, DK: None},
}
# How many met criteria the review left unattested (so the typical outcome stays
# undetermined: 33 met less 3 unattested is 30 known, and 30 + 3 unknown could reach 32).
TC_UNKNOWN = {(2023, "CL-LL"): 3}

# Typical organisations (the 14 provisional criteria): units meeting all 14.
TO_ALL_MET = {2023: {"KM-DN01", "KM-TT-GD03", "NS-AB-DN03", "HD-GD01"}, 2025: {"HD-GD01", "KM-MH-DN01"}}

# Decision 510 quality tier of agencies and enterprises: reviewed share of each item.
TIERS = {"xuat_sac": (0.93, 1.0), "kha": (0.74, 0.86), "trung_binh": (0.55, 0.66), "yeu": (0.30, 0.44)}
TIERS["xuat_sac_sat_nguong"] = (0.88, 0.91)  # just excellent before a deduction
TIER_FORCED = {("KM-MH-DN01", 2023): "xuat_sac", ("HD-DN01", 2023): "trung_binh", ("CL-SD-DN01", 2023): "yeu",
               ("NS-AB-CQ05", 2023): "kha",
               # The sample deduction (6 points for the incident of 2023-07-20) takes it from Excellent to Good.
               ("NS-DN01", 2023): "xuat_sac_sat_nguong"}

DELETE = object()

# Deliberate variations, (unit, year) -> {field: value | DELETE}; "attested.X" and
# "points.X" address one key. A value of None for the whole entry drops the record.
OV = {
    # --- 2023, residential areas
    ("KM-TT-KDC02", 2023): {"registration_date": "2023-03-31"},            # last day of Q1: passes
    ("CL-VA-KDC02", 2023): {"registration_date": "2023-04-01"},            # first day after Q1: fails
    ("KM-AL-KDC04", 2023): {"registration_date": "2023-04-02"},            # late registration: fails
    ("KM-LN-KDC03", 2023): {"households_total": 300, "households_registered": 297},  # 99%: fails
    ("NS-TT-KDC03", 2023): {"attested.RA-5": "no"},                        # attested no: fails
    ("CL-SD-KDC03", 2023): {"attested.RA-2": "no"},
    ("CL-LL-KDC05", 2023): None,                                           # no record: undetermined
    ("KM-HS-KDC05", 2023): {"attested.RA-4": DELETE},                      # unattested: undetermined
    # Xã An Bình: 18 of 25 recognised (7 fail), CW-4 passes.
    ("NS-AB-KDC02", 2023): {"households_total": 416, "households_registered": 412},  # 99.04%
    ("NS-AB-KDC05", 2023): {"resolution_date": "2023-04-12"},
    ("NS-AB-KDC08", 2023): {"attested.RA-5": "no"},
    ("NS-AB-KDC11", 2023): {"registration_date": "2023-04-02"},
    ("NS-AB-CQ03", 2023): {"staff_total": 24, "staff_briefed": 22},
    ("NS-AB-DN02", 2023): {"rules_state_secrets": False},
    ("NS-AB-GD04", 2023): {"effective_models": 0},
    # Xã Hồng Phong: 17 of 25 recognised (8 fail), CW-4 fails.
    ("NS-HP-KDC03", 2023): {"households_total": 250, "households_registered": 245},
    ("NS-HP-KDC06", 2023): {"attested.RA-5": "no"},
    ("NS-HP-KDC09", 2023): {"resolution_date": "2023-04-10"},
    ("NS-HP-KDC12", 2023): {"registration_date": "2023-04-05"},
    ("NS-HP-CQ02", 2023): {"staff_total": 31, "staff_briefed": 29},
    ("NS-HP-CQ04", 2023): {"rules_environment": False},
    ("NS-HP-DN01", 2023): {"attested.AE-2": "no"},
    ("NS-HP-GD04", 2023): {"parents_board_coordination": False},
    # --- 2023, communes
    ("KM-MH", 2023): {"registration_date": "2023-03-31"},                  # last day of Q1: passes
    ("KM-HS", 2023): {"registration_date": "2023-04-01"},                  # one day late: fails CW-1
    ("NS-QT", 2023): {"disciplined_officers": 1},                          # fails CW-3
    ("CL-SD", 2023): {"attested.CW-2/RA-2": "no"},
    ("CL-LL", 2023): {"attested.CW-2/RA-4": DELETE},                       # undetermined
    # --- 2023, organisations
    ("KM-LN-DN01", 2023): {"staff_briefed": DELETE},                       # undetermined
    ("HD-GD02", 2023): {"attested.SC-6": DELETE},                          # undetermined
    ("NS-DN01", 2023): {"attested.AE-3": "no", "staff_total": 180, "staff_briefed": 180, "members_total": 180,
                        "members_reached": 176, "festival_participation": True,
                        "police_coordination_rules": True},                # incident (incitement) in July
    ("KM-CQ01", 2023): {"party_organisation": True, "resolution_date": "2023-04-20"},  # late resolution
    ("KM-MH-CQ02", 2023): {"points.SAMPLE-AE-9": {"self": 7}},            # no reviewed score: D510 undetermined
    ("CL-DN01", 2023): {"party_organisation": False, "resolution_date": DELETE},  # no Party organisation: passes
    # --- 2025
    ("KM-PKM", 2025): {},                                                  # Q1 documents carried over (see meta)
    ("NS-XNS", 2025): {"registration_date": DELETE},                       # undetermined
    (DK, 2025): {"resolution_date": "2025-07-10", "plan_date": "2025-07-12", "registration_date": "2025-07-15",
                 "programme_date": "2025-07-12"},                          # new unit, registered in July: fails
    ("CL-VA", 2025): {"effective_models": 0},                              # fails CW-1
    ("KM-LN-KDC02", 2025): {"households_total": 212, "households_registered": 210},
    ("NS-HP-KDC07", 2025): {"registration_date": "2025-04-03"},
    (f"{DK}-KDC02", 2025): {"attested.RA-3/other": "no"},
    ("HD-CQ02", 2025): {"staff_total": 140, "staff_briefed": 133},
    ("HD-DN01", 2025): {"attested.AE-3": "no"},                            # incident (incitement) in May
    ("NS-AB-GD03", 2025): {"attested.SC-1": DELETE},                       # undetermined
    (f"{DK}-DN01", 2025): {"points.SAMPLE-AE-6": {"self": 12}},           # no reviewed score
}


def scores(uid, year, ev):
    """Decision 510 scores for an agency or enterprise, consistent with its evidence."""
    tier = TIER_FORCED.get((uid, year))
    if tier is None:
        tier = rng.choices(["xuat_sac", "kha", "trung_binh", "yeu"], weights=[40, 36, 19, 5])[0]
    lo, hi = TIERS[tier]
    pts = {}

    def half(x):
        return round(x * 2) / 2

    for item, mx in D510_KNOWN + D510_SAMPLE:
        if item == "D510-AE-1":
            on_time = ev.get("plan_date", "9999") <= iso(year, 3, 31)
            rev = 3 if on_time and (tier.startswith("xuat_sac") or tier == "kha") else (2 if on_time else 1)
        elif item == "D510-AE-2":
            reach = ev["members_reached"] / ev["members_total"]
            rev = 3 if reach >= 0.9 else 1.5
        elif item == "D510-AE-3":
            rev = 5 if ev.get("festival_participation") else 0
        elif item == "D510-AE-4":
            rev = 1 if ev.get("police_coordination_rules") else 0
        else:
            rev = min(mx, half(mx * rng.uniform(lo, hi)))
        slf = min(mx, rev + rng.choice([0, 0, 0, 0.5, 1]))
        pts[item] = {"self": num(slf), "reviewed": num(rev)}
    return pts


def num(x):
    return int(x) if float(x).is_integer() else x


def base_evidence(u, year):
    kind = u["kind"]
    ev = {"unit": u["id"], "year": year}
    res = q1_date(year, (2, 28))
    ev["resolution_date"] = res
    if kind == "residential_area":
        ev["registration_date"] = q1_date(year)
        h = rng.randint(90, 460)
        ev["households_total"] = h
        ev["households_registered"] = h
        ev["attested"] = {"RA-2": "yes", "RA-3/other": "yes", "RA-4": "yes", "RA-5": "yes"}
        return ev
    ev["plan_date"] = q1_date(year, (3, 10))
    ev["registration_date"] = q1_date(year)
    if kind == "commune":
        ev["programme_date"] = q1_date(year, (3, 15))
        ev["effective_models"] = rng.randint(1, 5)
        ev["disciplined_officers"] = 0
        att = {"CW-2/RA-2": "yes", "CW-2/RA-3/other": "yes", "CW-2/RA-4": "yes"}
        met = TC_MET.get(year, {}).get(u["id"])
        if met is not None:
            others = [f"TC-{i}" for i in range(3, 35)]
            failing = set(rng.sample(others, 34 - met))  # TC-1 and TC-2 are met
            att["TC-1"] = "yes"
            for k in others:
                att[k] = "no" if k in failing else "yes"
            n_unknown = TC_UNKNOWN.get((year, u["id"]), 0)
            if n_unknown:
                for k in [k for k in others if k not in failing][-n_unknown:]:
                    del att[k]
        ev["attested"] = att
        return ev
    # Organisations.
    staff = rng.randint(25, 420) if kind != "school" else rng.randint(30, 90)
    ev["staff_total"] = staff
    ev["staff_briefed"] = staff
    ev["members_total"] = staff
    ev["members_reached"] = staff if rng.random() < 0.8 else int(staff * rng.uniform(0.84, 0.98))
    ev["effective_models"] = rng.randint(1, 3)
    ev["festival_participation"] = rng.random() < 0.9
    att = {}
    if kind in ("agency", "enterprise"):
        party = kind == "agency" or u.get("size") == "large" or rng.random() < 0.5
        ev["party_organisation"] = party
        if not party:
            del ev["resolution_date"]
        for f in RULE_FLAGS:
            ev[f] = True
        ev["police_coordination_rules"] = rng.random() < 0.9
        att["AE-2"] = "yes"
        att["AE-3"] = "yes"
    else:
        ev["parents_board_coordination"] = True
        att["SC-1"] = "yes"
        att["SC-6"] = "yes"
    # Typical organisations (14 criteria): most meet 8–13 of them.
    met = 14 if u["id"] in TO_ALL_MET.get(year, set()) else rng.randint(8, 13)
    failing = set(rng.sample(range(1, 15), 14 - met))
    for i in range(1, 15):
        att[f"TO-{i}"] = "no" if i in failing else "yes"
    ev["attested"] = att
    return ev


def apply_overrides(ev, ov):
    for k, v in ov.items():
        if k.startswith("attested.") or k.startswith("points."):
            table, key = k.split(".", 1)
            t = ev.setdefault(table, {})
            if v is DELETE:
                t.pop(key, None)
            else:
                t[key] = v
        elif v is DELETE:
            ev.pop(k, None)
        else:
            ev[k] = v


for year in (2023, 2025):
    for uid in sorted(units):
        u = units[uid]
        if not in_scope(u) or not exists_in(u, year):
            continue
        ov = OV.get((uid, year), {})
        if ov is None:
            continue
        ev = base_evidence(u, year)
        pts_ov = {k: v for k, v in ov.items() if k.startswith("points.")}
        apply_overrides(ev, {k: v for k, v in ov.items() if not k.startswith("points.")})
        if u["kind"] in ("agency", "enterprise"):
            ev["points"] = scores(uid, year, ev)
            apply_overrides(ev, pts_ov)
        evidence[(uid, year)] = ev

unknown_keys = {k for k in OV if k not in evidence and OV[k] is not None}
assert not unknown_keys, f"overrides for units without evidence: {unknown_keys}"

# ---------------------------------------------------------------- incidents

INCIDENTS = [
    # Residential area window is 1 Nov Y-1 – 31 Oct Y.
    ("CL-SD-KDC01", "2022-11-01", "prolonged_dispute",
     "Tranh chấp đất đai kéo dài giữa hai dòng họ (tính vào năm 2023 của khu dân cư)"),
    ("CL-SD-KDC04", "2023-11-01", "prolonged_dispute",
     "Tranh chấp lối đi chung (tính vào năm 2024 của khu dân cư; vẫn trong kỳ 2023 của phường)"),
    # Commune and school window is 16 Nov Y-1 – 15 Nov Y.
    ("CL-SD", "2023-11-15", "incitement", "Kích động tụ tập đông người (ngày cuối kỳ 2023: tính vào năm 2023)"),
    ("CL-VA", "2023-11-16", "incitement", "Kích động khiếu kiện đông người (ngày đầu kỳ 2024: không tính vào năm 2023)"),
    ("NS-QT-GD03", "2023-11-15", "school_violence", "Học sinh đánh nhau ngoài cổng trường"),
    ("CL-VA-GD03", "2023-11-16", "security_loss", "Mất trộm tài sản trong trường (tính vào năm 2024)"),
    # An enterprise (Decision 510 sample deduction; AE-3 attested no).
    ("NS-DN01", "2023-07-20", "incitement", "Kích động công nhân ngừng việc tập thể"),
    # 2025.
    (f"{DK}-KDC02", "2025-09-03", "illegal_religion", "Truyền đạo trái pháp luật"),
    ("KM-LN-KDC04", "2024-10-30", "prolonged_dispute", "Tranh chấp ranh giới đất (kỳ 2024 của khu dân cư)"),
    ("HD-DN01", "2025-05-14", "incitement", "Kích động người lao động khiếu kiện đông người"),
]
for uid, d, cat, note in INCIDENTS:
    assert uid in units, uid
    incidents.append({"unit": uid, "date": d, "category": cat, "note": note})

# ---------------------------------------------------------------- activities

MODELS = {
    "KM-TT": [("Camera an ninh tổ dân phố", True)],
    "KM-MH": [("Tổ liên gia tự quản về an ninh, trật tự", True), ("Thắp sáng đường quê", False)],
    "NS-TT": [("Khu dân cư tự quản, tự phòng ngừa tội phạm", True)],
    "NS-AB": [("Dòng họ không có người vi phạm pháp luật", False)],
    "CL-SD": [("Tổ tự quản phòng cháy, chữa cháy", False)],
}
DEFAULT_MODELS = ["Tổ an ninh nhân dân tự quản", "Camera an ninh", "Thắp sáng đường quê"]


def act(uid, d, kind, count=1, **fields):
    assert uid in units, uid
    a = {"unit": uid, "date": d, "count": count, "type": kind}
    a.update(fields)
    activities.append(a)


def commune_activities(cid, y, scale=1.0):
    n = max(1, int(rng.randint(22, 60) * scale))
    act(cid, iso(y, 10, 31), "propaganda_meeting", n, attendees=n * rng.randint(18, 34))
    t = max(1, int(rng.randint(8, 30) * scale))
    act(cid, iso(y, 11, 10), "tip_off", t, valuable=max(1, int(t * rng.uniform(0.3, 0.55))))
    models = MODELS.get(cid) or [(DEFAULT_MODELS[rng.randrange(len(DEFAULT_MODELS))], False)]
    for name, typical in models:
        act(cid, iso(y, 6, 30), "model", 1, name=name, sites=rng.randint(2, 9), typical=typical)
    act(cid, iso(y, 8, 19), "festival", 1, participants=rng.randint(250, 900))
    act(cid, iso(y, 8, 19), "award", rng.randint(2, 5), issuer="commune_chairman", form="giay_khen",
        recipient="collective")
    act(cid, iso(y, 8, 19), "award", rng.randint(3, 8), issuer="commune_chairman", form="giay_khen",
        recipient="individual")
    h = rng.randint(2, 8)
    act(cid, iso(y, 10, 20), "people_helped", h, reformed=h - rng.randint(0, 2))
    act(cid, iso(y, 9, 30), "support", 1, amount_vnd=rng.randint(5, 30) * 10_000_000, houses=rng.randint(0, 2))


for cid, *_ in COMMUNES:
    commune_activities(cid, 2023)
for did, _, _ in DISTRICTS:
    n = rng.randint(10, 20)
    act(did, "2023-10-31", "propaganda_meeting", n, attendees=n * rng.randint(60, 110))
    act(did, "2023-08-19", "award", rng.randint(4, 8), issuer="district_chairman", form="giay_khen",
        recipient="collective")
    act(did, "2023-08-19", "award", rng.randint(5, 10), issuer="district_chairman", form="giay_khen",
        recipient="individual")
    act(did, "2023-09-30", "support", 1, amount_vnd=rng.randint(5, 15) * 100_000_000, houses=rng.randint(5, 12))
# Province level: the festival, awards by issuer, support mobilised.
act(PROVINCE, "2023-08-19", "festival", 1, participants=3200)
act(PROVINCE, "2023-10-31", "propaganda_meeting", 12, attendees=2650)
act(PROVINCE, "2023-08-19", "award", 1, issuer="minister", form="bang_khen", recipient="collective")
act(PROVINCE, "2023-08-19", "award", 1, issuer="minister", form="bang_khen", recipient="individual")
act(PROVINCE, "2023-08-19", "award", 9, issuer="provincial_committee", form="bang_khen", recipient="collective")
act(PROVINCE, "2023-08-19", "award", 7, issuer="provincial_committee", form="bang_khen", recipient="individual")
act(PROVINCE, "2023-08-19", "award", 2, issuer="provincial_committee", form="emulation_flag",
    recipient="collective")
act(PROVINCE, "2023-08-19", "award", 14, issuer="provincial_police", form="giay_khen", recipient="collective")
act(PROVINCE, "2023-08-19", "award", 18, issuer="provincial_police", form="giay_khen", recipient="individual")
act(PROVINCE, "2023-09-30", "support", 1, amount_vnd=3_400_000_000, houses=48)
# Organisations.
act("HD-GD01", "2023-05-31", "model", 1, name="Cổng trường an toàn, học sinh nói không với bạo lực", sites=14,
    typical=True)
act("HD-GD01", "2023-10-31", "propaganda_meeting", 6, attendees=1450)
act("KM-DN01", "2023-09-15", "propaganda_meeting", 4, attendees=520)
act("NS-AB-DN03", "2023-06-30", "model", 1, name="Doanh nghiệp an toàn về an ninh, trật tự", sites=3,
    typical=False)
# On the window edges: 2022-11-16 counts toward 2023; 2023-11-20 toward 2024.
act("KM-MH", "2022-11-16", "tip_off", 2, valuable=1)
act("KM-TT", "2023-11-20", "propaganda_meeting", 3, attendees=95)

# 2025 (window 16 Nov 2024 – 15 Nov 2025), on units that exist on 15 Nov 2025.
for cid in sorted(TC_MET[2025]):
    commune_activities(cid, 2025, scale=1.0 if cid != DK else 0.4)
act(PROVINCE, "2025-08-19", "festival", 1, participants=4100)
act(PROVINCE, "2025-08-19", "award", 1, issuer="minister", form="bang_khen", recipient="collective")
act(PROVINCE, "2025-08-19", "award", 11, issuer="provincial_committee", form="bang_khen", recipient="collective")
act(PROVINCE, "2025-08-19", "award", 8, issuer="provincial_committee", form="bang_khen", recipient="individual")
act(PROVINCE, "2025-08-19", "award", 16, issuer="provincial_police", form="giay_khen", recipient="collective")
act(PROVINCE, "2025-08-19", "award", 21, issuer="provincial_police", form="giay_khen", recipient="individual")
act(PROVINCE, "2025-09-30", "support", 1, amount_vnd=4_100_000_000, houses=57)

# ---------------------------------------------------------------- output

META = {
    "title": "Tỉnh Hải Dương (dữ liệu mẫu tổng hợp) — Synthetic sample province, 2023 and 2025",
    "synthetic": True,
    "description": (
        "DỮ LIỆU TỔNG HỢP: toàn bộ dữ liệu được tạo ra để minh họa, không phải kết quả đánh giá thật. "
        "SYNTHETIC DATA: everything here is made up for demonstration; it is not real review results, "
        "statistics or decisions of any unit. Province, district and commune names follow the real geography "
        "of Hải Dương before the 2025 reform; residential areas, agencies, enterprises and schools are invented. "
        "The 2025 part is illustrative: it does not model the real merger of provinces (Hải Dương joined Hải "
        "Phòng on 1 July 2025) nor the real merger of communes, and the special zone 'Đặc khu Kinh Thầy' is "
        "fictional. Phường Kinh Môn (2025) carries over the first-quarter documents of the wards it replaced. "
        "The recognition of Phường Thái Thịnh and Xã Minh Hòa as typical in 2023 follows a news report "
        "of 30/11/2023; every figure and review result behind it is invented. "
        "Generated by core/sample/make_sample.py (seed 2023)."
    ),
}


def ordered_evidence(ev):
    out = {"unit": ev["unit"], "year": ev["year"]}
    for k in ["resolution_date", "plan_date", "registration_date", "programme_date", "households_total",
              "households_registered", "staff_total", "staff_briefed", "members_total", "members_reached",
              "effective_models", "disciplined_officers", "registered", "party_organisation", *RULE_FLAGS,
              "police_coordination_rules", "parents_board_coordination", "festival_participation"]:
        if k in ev:
            out[k] = ev[k]
    for table in ("attested", "points"):
        if ev.get(table):
            out[table] = {k: ev[table][k] for k in sorted(ev[table], key=natural_key)}
    extra = set(ev) - set(out) - {"attested", "points"}
    assert not extra, extra
    return out


def build():
    unit_list = [units[k] for k in sorted(units)]
    ev_list = [ordered_evidence(evidence[k]) for k in sorted(evidence)]
    inc_list = sorted(incidents, key=lambda i: (i["date"], i["unit"], i["category"]))
    act_list = sorted(activities, key=lambda a: (a["date"], a["unit"], a["type"], json.dumps(a, sort_keys=True)))
    return {
        "format_version": 1,
        "meta": META,
        "units": unit_list,
        "evidence": ev_list,
        "incidents": inc_list,
        "activities": act_list,
    }


def main():
    text = json.dumps(build(), ensure_ascii=False, indent=1) + "\n"
    if "--check" in sys.argv[1:]:
        if OUT.read_text(encoding="utf-8") != text:
            sys.exit(f"{OUT} is out of date; run {Path(__file__).name}")
        return
    OUT.write_text(text, encoding="utf-8")
    counts = {}
    for u in units.values():
        counts[u["kind"]] = counts.get(u["kind"], 0) + 1
    print(f"wrote {OUT}: {len(units)} units {counts}, {len(evidence)} evidence records, "
          f"{len(incidents)} incidents, {len(activities)} activities")


if __name__ == "__main__":
    main()
