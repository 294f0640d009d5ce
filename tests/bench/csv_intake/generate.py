"""Writes a lead CSV like the exports staff bring: email, first, last, company, domain, linkedin; a mix of
lookups, some duplicates (other case, other URL form), some invalid rows, quoted fields with commas and
line breaks. Deterministic. Usage: generate.py FILE ROWS"""
import random
import sys

path, rows = sys.argv[1], int(sys.argv[2])
rng = random.Random(7)
firsts = ["Jane", "John", "Mary", "Ahmed", "Li", "Zoë", "José", "Priya", "Tom", "Aroha", "Olivia", "Noah"]
lasts = ["Doe", "Smith", "Nguyen", "O'Brien", "Müller", "García", "Patel", "Walker", "Kaur", "Tane"]
suffixes = ["Pty Ltd", "Inc", "Group", "Holdings", "Labs", "Partners", "& Co", "Solutions"]
tlds = [".com", ".com.au", ".io", ".co.uk", ".net", ".org"]
seen = []

with open(path, "w", encoding="utf-8", newline="") as out:
    out.write("Email,First Name,Last Name,Company,Website,LinkedIn URL\r\n")
    for i in range(rows):
        first, last = rng.choice(firsts), rng.choice(lasts)
        word = f"{rng.choice(['acme', 'bolt', 'nuts', 'orbit', 'delta', 'kiwi', 'lumen'])}{i % 50_000}"
        domain = word + rng.choice(tlds)
        company = f"{word.capitalize()} {rng.choice(suffixes)}"
        email = f"{first.lower()}.{i}@{domain}".replace("ë", "e").replace("é", "e").replace("ü", "u").replace("'", "")
        linkedin = f"https://www.linkedin.com/in/{first.lower()}-{last.lower().replace(' ', '')}-{i}"
        website = rng.choice([domain, "https://www." + domain + "/about", "http://" + domain])
        kind = rng.random()
        if seen and kind < 0.05:  # a duplicate of an earlier row, written differently
            email, first, last, website, linkedin = rng.choice(seen)
            email = "  " + email.upper() if email else ""
            website = "https://WWW." + website.split("//")[-1] if website else ""
        elif kind < 0.70:
            pass  # email (and everything else)
        elif kind < 0.85:
            email = ""  # name + domain
        elif kind < 0.93:
            email, website = "", ""  # LinkedIn
        elif kind < 0.96:
            email, first, last, linkedin = "", "", "", ""  # company by domain
        elif kind < 0.98:
            email = email.split("@")[0] + "@"  # invalid email, nothing else to fall back on
            first, last, website, linkedin = "", "", "", ""
        else:
            email, website, linkedin = "", "", ""  # nothing to look up
        if len(seen) < 100_000 and rng.random() < 0.5:
            seen.append((email, first, last, website, linkedin))
        roll = rng.random()
        if roll < 0.10:
            company = f"\"{company}, {rng.choice(['Sydney', 'Melbourne', 'Auckland'])}\""
        elif roll < 0.12:
            company = f"\"{company}\nLevel {i % 40}\""
        elif roll < 0.13:
            company = f"\"The \"\"{company}\"\"\""
        out.write(f"{email},{first},{last},{company},{website},{linkedin}\r\n")
