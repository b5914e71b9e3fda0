#!/usr/bin/env python3
"""Writes the bundled articles (data/articles) COPIES times as one JSON Lines file, each copy
with fresh ids (copy 0 keeps the original ids, copy k adds "~k"), for the scaling runs.

    benches/corpus.py COPIES OUT.jsonl [--dates]

The plain-text seed article becomes a record with its `date` header as `date` and the text
after the header as `text`, so its spans are the same as when read from the .txt file. With
--dates, copy k moves every date k days later (so tallies spread over more months).
"""
import datetime
import json
import os
import re
import sys


def bundled(root):
    folder = os.path.join(root, "data", "articles")
    out = []
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if name.endswith(".jsonl"):
            with open(path, encoding="utf-8") as f:
                for line in f:
                    if line.strip():
                        out.append(json.loads(line))
        elif name.endswith(".txt"):
            with open(path, encoding="utf-8") as f:
                text = f.read()
            m = re.match(r"\s*date[ \t]+(\S+)", text)
            rec = {"id": os.path.splitext(name)[0], "date": None, "text": text}
            if m:
                rec["date"] = m.group(1)
                rec["text"] = text[m.end():]
            out.append(rec)
    return out


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 2:
        sys.exit(__doc__)
    copies, out = int(args[0]), args[1]
    shift = "--dates" in sys.argv
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    records = bundled(root)
    with open(out, "w", encoding="utf-8") as f:
        for k in range(copies):
            for r in records:
                r = dict(r)
                if k:
                    r["id"] = f"{r['id']}~{k}"
                    if shift and r.get("date"):
                        d = datetime.date.fromisoformat(r["date"]) + datetime.timedelta(days=k % 3650)
                        r["date"] = d.isoformat()
                f.write(json.dumps(r, ensure_ascii=False))
                f.write("\n")


if __name__ == "__main__":
    main()
