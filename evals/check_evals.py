#!/usr/bin/env python3
"""Sanity check for evals/qa.jsonl and evals/conversations.jsonl (stdlib only)."""
import json, re, sys, collections
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "corpus"
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})

def literal_norm(s):  # case-insensitive, whitespace-normalised, curly quotes -> straight
    return re.sub(r"\s+", " ", s.translate(QUOTES).lower()).strip()

def match_norm(s):  # the grading normalisation documented in README.md
    s = s.translate(QUOTES).lower()
    s = re.sub(r"[^\w\s]", " ", s)
    s = re.sub(r"\b(a|an|the)\b", " ", s)
    return re.sub(r"\s+", " ", s).strip()

docs = {p.name: p.read_text(encoding="utf-8") for p in CORPUS.glob("*.txt")}
errors, warnings, ids = [], [], set()

def check_item(where, answers, doc_ids):
    if not answers: errors.append(f"{where}: no answers")
    if not doc_ids: errors.append(f"{where}: no doc_ids")
    for d in doc_ids:
        if d not in docs: errors.append(f"{where}: unknown doc_id {d}")
    texts = [docs[d] for d in doc_ids if d in docs]
    lit = [a for a in answers if any(literal_norm(a) in literal_norm(t) for t in texts)]
    if not lit: errors.append(f"{where}: no answer variant occurs literally in cited docs: {answers}")
    for a in answers:
        if not match_norm(a): errors.append(f"{where}: answer {a!r} empty after normalisation")
        elif a not in lit and not any(match_norm(a) in match_norm(t) for t in texts):
            warnings.append(f"{where}: variant {a!r} not in cited text (accepted paraphrase)")

counts = collections.Counter()
for fname in ("qa.jsonl", "conversations.jsonl"):
    for ln, line in enumerate((HERE / fname).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip(): errors.append(f"{fname}:{ln}: blank line"); continue
        try: r = json.loads(line)
        except Exception as e: errors.append(f"{fname}:{ln}: parse error {e}"); continue
        rid = r.get("id")
        if rid in ids: errors.append(f"{fname}:{ln}: duplicate id {rid}")
        ids.add(rid)
        if r.get("split") not in ("dev", "test"): errors.append(f"{rid}: bad split")
        if fname == "qa.jsonl":
            if r.get("unanswerable"):
                if r["answers"] or r["doc_ids"]: errors.append(f"{rid}: unanswerable with answers/doc_ids")
                counts[("unanswerable", r.get("kind"), r["split"])] += 1
            else:
                check_item(rid, r.get("answers", []), r.get("doc_ids", []))
                key = r["doc_ids"][0] if len(r["doc_ids"]) == 1 else "multi-doc"
                counts[("answerable", key, r["split"])] += 1
        else:
            turns = r.get("turns", [])
            if not 2 <= len(turns) <= 4: errors.append(f"{rid}: {len(turns)} turns")
            for i, t in enumerate(turns):
                if t.get("unanswerable"):  # a follow-up the corpus does not answer
                    if i == 0: errors.append(f"{rid}: the first turn must be answerable")
                    if t.get("answers") or t.get("doc_ids"): errors.append(f"{rid}.turn{i+1}: unanswerable with answers/doc_ids")
                    counts[("unanswerable follow-up", r["split"])] += 1
                    continue
                check_item(f"{rid}.turn{i+1}", t.get("answers", []), t.get("doc_ids", []))
            counts[("conversation", f"{len(turns)} turns", r["split"])] += 1

for k in sorted(counts, key=str): print(*k, counts[k], sep="\t")
for w in warnings: print("WARN", w)
for e in errors: print("ERROR", e)
print(f"{len(ids)} ids, {len(errors)} errors, {len(warnings)} warnings")
sys.exit(1 if errors else 0)
