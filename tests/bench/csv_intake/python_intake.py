"""The same intake with Python's csv module, the seed project's way: read every row, check the email with
a simple regex, else name + domain, else LinkedIn, else domain; dedupe with a set of normalised keys.
Usage: python_intake.py FILE — prints one "python:" line for run.sh."""
import csv
import re
import sys
import time

EMAIL = re.compile(r"^[^@\s]+@([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$", re.I)
DOMAIN = re.compile(r"^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$")
LINKEDIN = re.compile(r"^(?:https?://)?(?:[a-z]+\.)?linkedin\.com(/in/[^/?#]+)", re.I)


def domain_of(text):
    host = text.strip().lower().split("://")[-1].split("/")[0].split("?")[0].split(":")[0]
    if host.startswith("www."):
        host = host[4:]
    return host if DOMAIN.match(host) else ""


def main(path):
    start = time.perf_counter()
    seen = set()
    rows = unique = duplicates = invalid = 0
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = next(reader)
        width = len(header)
        for row in reader:
            rows += 1
            if len(row) != width:
                invalid += 1
                continue
            email, first, last, _company, website, linkedin = (cell.strip() for cell in row)
            key = None
            if email and EMAIL.match(email):
                key = "e:" + email.lower()
            if key is None and first and last and website:
                domain = domain_of(website)
                if domain:
                    key = "n:" + first.lower() + "|" + last.lower() + "|" + domain
            if key is None and linkedin:
                match = LINKEDIN.match(linkedin)
                if match:
                    key = "l:" + match.group(1).lower().rstrip("/")
            if key is None and website:
                domain = domain_of(website)
                if domain:
                    key = "c:" + domain
            if key is None:
                invalid += 1
            elif key in seen:
                duplicates += 1
            else:
                seen.add(key)
                unique += 1
    seconds = time.perf_counter() - start
    import os
    mb = os.path.getsize(path) / 1e6
    print(f"python: {seconds:.3f} s, {mb / seconds:.1f} MB/s, rows {rows}, unique {unique}, "
          f"duplicates {duplicates}, invalid {invalid}")


main(sys.argv[1])
