#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Builds the screening benchmark corpus: N text files of ~1 MB from real project abstracts
(../shared/data/corpus: NSF awards, English; KAKEN projects, Japanese) and the example proposals.

A third of the Japanese files are written the way messy documents arrive: katakana in
half-width (ｾﾝｼﾝｸﾞ), Latin letters in full-width (ＥＵＶ), and PDF-style hard line breaks every
38 characters. A third of the English files wrap lines with hyphenation. Those variants are
what a byte-exact search (rg -F) cannot match and highfence's normaliser must.

usage: make_corpus.py SHARED_DATA_DIR EXAMPLES_DIR OUT_DIR [MEGABYTES]
"""
import gzip, json, os, sys, unicodedata

shared, examples, out = sys.argv[1], sys.argv[2], sys.argv[3]
megabytes = int(sys.argv[4]) if len(sys.argv) > 4 else 100

def abstracts(name):
    with gzip.open(os.path.join(shared, "corpus", name), "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            text = (r.get("title") or "") + "\n" + (r.get("abstract") or "")
            yield r.get("lang", "en"), text

docs = list(abstracts("nsf_awards_ai_2010_2019.jsonl.gz")) + list(abstracts("kaken_projects_sample.jsonl.gz"))
for name in sorted(os.listdir(examples)):
    if name.endswith(".txt"):
        raw = open(os.path.join(examples, name), "rb").read()
        for enc in ("utf-8", "cp932"):
            try:
                docs.append(("ja" if "_ja" in name else "en", raw.decode(enc)))
                break
            except UnicodeDecodeError:
                pass

HALF = {unicodedata.normalize("NFKC", chr(c)): chr(c) for c in range(0xFF66, 0xFF9E)}

def messy_ja(text):
    # Half-width katakana where a single half-width form exists (voiced marks kept composed → decomposed).
    out = []
    for ch in text:
        d = unicodedata.normalize("NFD", ch)
        if ch in HALF:
            out.append(HALF[ch])
        elif len(d) == 2 and d[0] in HALF and d[1] in ("\u3099", "\u309a"):
            out.append(HALF[d[0]] + ("ﾞ" if d[1] == "\u3099" else "ﾟ"))
        elif "A" <= ch <= "Z" or "a" <= ch <= "z":
            out.append(chr(ord(ch) + 0xFEE0))
        else:
            out.append(ch)
    s = "".join(out)
    return "\n".join(s[i:i + 38] for i in range(0, len(s), 38))

def messy_en(text):
    words, lines, line = text.split(" "), [], ""
    for w in words:
        if len(line) + len(w) > 70 and len(w) > 6:
            cut = len(w) // 2
            lines.append(line + w[:cut] + "-")
            line = w[cut:] + " "
        else:
            line += w + " "
    lines.append(line)
    return "\n".join(lines)

os.makedirs(out, exist_ok=True)
target, written, file_no, i = megabytes * 1_000_000, 0, 0, 0
while written < target:
    chunks, size = [], 0
    while size < 1_000_000:
        lang, text = docs[i % len(docs)]
        if file_no % 3 == 2:
            text = messy_ja(text) if lang == "ja" else messy_en(text)
        chunks.append(text)
        size += len(text.encode("utf-8")) + 2
        i += 1
    data = "\n\n".join(chunks).encode("utf-8")
    with open(os.path.join(out, f"corpus_{file_no:03d}.txt"), "wb") as f:
        f.write(data)
    written += len(data)
    file_no += 1
print(f"{file_no} files, {written / 1e6:.1f} MB in {out}")
