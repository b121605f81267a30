#!/usr/bin/env python3
"""Cuts the official reference files down to a few departments: the sample shipped in
Shared/ReferenceData/Sample, so that `make up` and the tests work offline.

Usage: infra/reference/make-sample.py FULL_DIR SAMPLE_DIR DEP [DEP...]

FULL_DIR holds the official files under the names the importer reads (see infra/reference/README.md);
each is written to SAMPLE_DIR in its own format and encoding, keeping the lines of the departments given
(every line of the departments' and countries' files)."""
import csv
import io
import sys
from pathlib import Path


def read(path, encoding, delimiter):
    text = path.read_bytes().decode(encoding)
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    return rows[0], [row for row in rows[1:] if row]


def write(path, header, rows, encoding, delimiter, line_end):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=line_end, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding))


def department_of_insee(code):
    return code[:3] if code.startswith("97") else code[:2]


def main(full, sample, departments):
    sample.mkdir(parents=True, exist_ok=True)
    # INSEE: UTF-8, commas.
    header, rows = read(full / "v_departement.csv", "utf-8", ",")
    write(sample / "v_departement.csv", header, [r for r in rows if r[0] in departments], "utf-8", ",", "\n")
    header, rows = read(full / "v_commune.csv", "utf-8", ",")
    dep = header.index("DEP")
    com = header.index("COM")
    kept = [r for r in rows if (r[dep] or department_of_insee(r[com])) in departments]
    write(sample / "v_commune.csv", header, kept, "utf-8", ",", "\n")
    header, rows = read(full / "v_pays.csv", "utf-8", ",")
    write(sample / "v_pays.csv", header, rows, "utf-8", ",", "\n")
    # La Poste: Windows-1252, semicolons, CRLF.
    header, rows = read(full / "laposte_hexasmal.csv", "cp1252", ";")
    kept = [r for r in rows if department_of_insee(r[0]) in departments]
    write(sample / "laposte_hexasmal.csv", header, kept, "cp1252", ";", "\r\n")
    # Ministère de l'Intérieur: UTF-8, semicolons.
    for name in ("gendarmerie.csv", "police.csv"):
        header, rows = read(full / name, "utf-8", ";")
        column = header.index("departement")
        write(sample / name, header, [r for r in rows if r[column] in departments], "utf-8", ";", "\n")


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]), set(sys.argv[3:]))
