"""Writes names_broad.txt: the humannames list (npm humannames, MIT) folded to
ASCII and lower-cased, less every ordinary word, gazetteer name and kept
word. Run by extract.sh with the humannames list.txt path as argv[1]."""
import sys, unicodedata

def fold(s):
    s = s.replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("Ø", "O").replace("ß", "ss").replace("ı", "i").replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))

def load(name):
    with open(name, encoding="utf-8") as f:
        return {l.strip().lower() for l in f if l.strip() and not l.startswith("#")}

known = load("words.txt") | load("given.txt") | load("surnames.txt") | {w for w in load("keep.txt") if " " not in w}
stop = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
        "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}
out = set()
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        w = fold(line.strip()).lower()
        if len(w) < 3 or not w.isascii() or not w[0].isalpha():
            continue
        if not all(c.isalpha() or c in "'-" for c in w):
            continue
        if w in known or w in stop:
            continue
        out.add(w)
sys.stdout.write("".join(w + "\n" for w in sorted(out)))
