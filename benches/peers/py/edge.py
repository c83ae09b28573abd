"""Makes a small edge-case dataset from a generated one, so the peers' equality check also
covers what generated data rarely has: missing evidence records and fields, unknown and
"no" attestations, `registered` without a date, dates on the Q1 deadline and a day after
and on each window's first day and the day before,
incidents on each window's first and last day and a day outside, incidents of every
category on every evaluated kind (so CW-2 sees its units' incidents), and evidence for
another year. Deterministic for a seed; the outcomes are antq's, never hard-coded.

    python edge.py BASE.json YEAR SEED OUT.json
"""

import json
import random
import sys

CATEGORIES = ["anti_state", "sabotage", "illegal_religion", "separatism", "prolonged_dispute", "incitement",
              "security_loss", "school_violence"]
FIELDS = ["resolution_date", "plan_date", "registration_date", "households_total", "households_registered",
          "staff_total", "staff_briefed", "effective_models", "disciplined_officers", "party_organisation",
          "parents_board_coordination", "rules_unit_protection", "rules_environment"]


def main():
    base, year, seed, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    rng = random.Random(seed)
    with open(base, encoding="utf-8") as f:
        d = json.load(f)
    y = year
    days = [f"{y - 1}-10-31", f"{y - 1}-11-01", f"{y - 1}-11-15", f"{y - 1}-11-16", f"{y}-03-31", f"{y}-10-31",
            f"{y}-11-01", f"{y}-11-15", f"{y}-11-16"]
    evaluated = [u for u in d["units"] if u["kind"] in ("residential_area", "commune", "agency", "enterprise", "school")]
    evidence = []
    for e in d["evidence"]:
        r = rng.random()
        if r < 0.04:
            continue  # no evidence record at all
        if r < 0.06:
            evidence.append({**e, "year": y - 1})  # only last year's record
            continue
        for k in FIELDS:
            if k in e and rng.random() < 0.03:
                del e[k]
        for k in ["resolution_date", "plan_date", "registration_date"]:
            if k in e and rng.random() < 0.05:
                # the Q1 deadline and a day after; each window's first day and the day before
                e[k] = rng.choice([f"{y}-03-31", f"{y}-04-01", f"{y - 1}-10-31", f"{y - 1}-11-01",
                                   f"{y - 1}-11-15", f"{y - 1}-11-16"])
        if "registration_date" in e and rng.random() < 0.04:
            del e["registration_date"]
            e["registered"] = rng.choice([True, False])
        if "households_total" in e and rng.random() < 0.03:
            e["households_registered"] = e["households_total"] - rng.choice([0, 1, 2])
        if "effective_models" in e and rng.random() < 0.03:
            e["effective_models"] = 0
        if "disciplined_officers" in e and rng.random() < 0.05:
            e["disciplined_officers"] = rng.choice([0, 1, 2])
        for k in list(e.get("attested", {})):
            r = rng.random()
            if r < 0.03:
                e["attested"][k] = "unknown"
            elif r < 0.05:
                del e["attested"][k]
            elif r < 0.07:
                e["attested"][k] = "no"
        evidence.append(e)
    d["evidence"] = evidence
    for u in rng.sample(evaluated, min(len(evaluated), len(evaluated) // 15)):
        d["incidents"].append({"unit": u["id"], "date": rng.choice(days), "category": rng.choice(CATEGORIES)})
    d["meta"]["title"] = f"Edge cases derived from a generated dataset, seed {seed}"
    with open(out, "w", encoding="utf-8") as f:
        json.dump(d, f, ensure_ascii=False)


if __name__ == "__main__":
    main()
