#!/usr/bin/env python3
"""Build copydesk's built-in knowledge base in rules/facts/kb/ from public data.

usage: scripts/build-facts.py [SHARED_DATA_DIR] [--out DIR]
                              [--wikidata-export CSV --export-as-of YYYY-MM-DD]...

SHARED_DATA_DIR defaults to ../shared/data; --out to rules/facts/kb.

Writes:
  countries.toml  from mledoze/countries (ODbL 1.0; attribution and licence kept in the file)
  people.toml     heads of state and government since 2000 from the CIA World Factbook's weekly
                  history (2020-2026, public domain) and Wikidata via every-politician-scrapers
                  (CC0), cabinet ministers from the latter, UK ministers from the Institute for
                  Government's UK Ministers Database (CC BY 4.0), US presidents and vice presidents
                  from unitedstates/congress-legislators (CC0), the hand-checked additions in
                  scripts/people-additions.toml, and any Wikidata exports given with
                  --wikidata-export (docs/facts-refresh.md has the query and the steps).
titles.toml is written by hand (it is a style decision, not data) and not touched here.
Run it again with newer data to refresh the knowledge base; review the diff before committing.
"""
import argparse, csv, datetime, html, json, os, re, sys, tomllib, unicodedata
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
_args = argparse.ArgumentParser(description="Build copydesk's knowledge base.")
_args.add_argument("data", nargs="?", default=os.path.join(HERE, "..", "..", "shared", "data"))
_args.add_argument("--out", default=os.path.join(HERE, "..", "rules", "facts", "kb"))
_args.add_argument("--wikidata-export", action="append", default=[],
                   help="CSV from the query in docs/facts-refresh.md (repeatable)")
_args.add_argument("--export-as-of", action="append", default=[],
                   help="the day each export was run, YYYY-MM-DD (one per --wikidata-export)")
ARGS = _args.parse_args()
if len(ARGS.export_as_of) != len(ARGS.wikidata_export):
    _args.error("give one --export-as-of per --wikidata-export: the day the query was run")
DATA = ARGS.data
OUT = ARGS.out
SINCE = "2000-01-01"

# every-politician-scrapers repository -> ISO alpha-3
SOURCES = {
    "argentina-ministers": "ARG", "australia-cabinet": "AUS", "belarus-ministers": "BLR", "belgium-cabinet": "BEL",
    "brazil-ministers": "BRA", "canada-cabinet": "CAN", "china-ministers": "CHN", "egypt-ministers": "EGY",
    "france-cabinet": "FRA", "greece-cabinet": "GRC", "hungary-cabinet": "HUN", "india-ministers": "IND",
    "indonesia-ministers": "IDN", "iran-ministers": "IRN", "iraq-ministers": "IRQ", "ireland-ministers": "IRL",
    "israel-ministers": "ISR", "italy-ministers": "ITA", "japan-ministers": "JPN", "jordan-ministers": "JOR",
    "kazakhstan-cabinet": "KAZ", "kenya": "KEN", "mexico-ministers": "MEX", "netherlands-cabinet": "NLD",
    "new-zealand-cabinet": "NZL", "nigeria": "NGA", "norway-cabinet": "NOR", "pakistan-ministers": "PAK",
    "philippines-ministers": "PHL", "poland-cabinet": "POL", "qatar-ministers": "QAT", "russia-cabinet": "RUS",
    "saudi-ministers": "SAU", "south-africa-cabinet": "ZAF", "south-korea-ministers": "KOR", "spain-ministers": "ESP",
    "sudan": "SDN", "sweden-cabinet": "SWE", "turkey-ministers": "TUR", "uae-ministers": "ARE",
    "ukraine-cabinet": "UKR", "us-cabinet": "USA", "vietnam": "VNM", "yemen": "YEM", "zimbabwe": "ZWE",
    "world": "UNO",  # organizations.toml; only the UN Secretary-General is taken from it
}
FOREIGN = {
    "Minister of Foreign Affairs", "Minister for Foreign Affairs", "Federal Minister of Foreign Affairs",
    "Minister of Foreign Affairs and Worship", "Minister of Europe and Foreign Affairs",
    "Minister for Foreign Affairs and Trade", "Minister of Foreign Affairs and Cooperation",
    "Minister of Foreign Affairs, European Union and Foreign Aid", "Secretary for Foreign Affairs",
    "Secretary of Foreign Affairs",
}


def title_of(source, position):
    if source == "world":
        return "Secretary-General" if position == "Secretary-General of the United Nations" else None
    if position in ("Prime Minister", "President"):
        return position
    if position in FOREIGN:
        return "Foreign Minister"
    if source == "us-cabinet" and position == "Secretary of State":
        return "Secretary of State"
    return None


def fold(s):
    """The name without diacritics ("Erdoğan" -> "Erdogan"), as English copy often writes it."""
    s = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))
    for a, b in (("ı", "i"), ("ø", "o"), ("Ø", "O"), ("æ", "ae"), ("ß", "ss"), ("đ", "d"), ("ł", "l"), ("Ł", "L")):
        s = s.replace(a, b)
    return s


def q(s):
    return json.dumps(s, ensure_ascii=False)


# Short forms wire copy uses before a title ("U.S. President", "UK Prime Minister").
TITLE_FORMS = {"USA": ["U.S.", "US"], "GBR": ["UK", "U.K."], "ARE": ["UAE", "Emirati"], "COD": ["Congolese"],
               "KOR": ["South Korean"], "PRK": ["North Korean"], "SAU": ["Saudi"]}


def countries():
    rows = json.load(open(os.path.join(DATA, "countries-mledoze", "countries.json"), encoding="utf-8"))
    out = [
        "# Countries and territories: names, demonyms, capitals.",
        "# Generated by scripts/build-facts.py from mledoze/countries (commit 5e9f370, 2026-04-27).",
        "# Database licence: Open Database License (ODbL) 1.0, https://opendatacommons.org/licenses/odbl/1-0/",
        "# Contains information from mledoze/countries, made available under the ODbL; this derived",
        "# table is likewise available under the ODbL. Edit by adding your own fact files, not here.",
        'source = "mledoze/countries (github.com/mledoze/countries)"',
        'license = "ODbL-1.0"',
        "",
    ]
    for c in sorted(rows, key=lambda c: c["name"]["common"]):
        name = c["name"]["common"]
        official = c["name"]["official"]
        aliases = []
        for a in c.get("altSpellings", []):
            if len(a) >= 4 and not a.isupper() and a not in (name, official) and all((ch.isalpha() and ord(ch) < 0x250) or ch in " -'." for ch in a):
                aliases.append(a)
        dem = c.get("demonyms", {}).get("eng", {})
        demonyms = []
        for k in ("m", "f"):
            d = dem.get(k)
            if d and d not in demonyms:
                demonyms.append(d)
        demonyms += [d for d in TITLE_FORMS.get(c["cca3"], []) if d not in demonyms]
        out.append("[[country]]")
        out.append(f"code = {q(c['cca3'])}")
        out.append(f"name = {q(name)}")
        if official != name:
            out.append(f"official = {q(official)}")
        if aliases:
            out.append(f"aliases = [{', '.join(map(q, aliases))}]")
        native = []
        for n in c["name"].get("native", {}).values():
            for form in (n.get("common"), n.get("official")):
                if form and form not in native and form not in aliases and form not in (name, official) and all((ch.isalpha() and ord(ch) < 0x250) or ch in " -'." for ch in form):
                    native.append(form)
        if native:
            out.append(f"native = [{', '.join(map(q, native))}]")
        if demonyms:
            out.append(f"demonyms = [{', '.join(map(q, demonyms))}]")
        caps = [x for x in c.get("capital", []) if x]
        if caps:
            out.append(f"capitals = [{', '.join(map(q, caps))}]")
        out.append("")
    return "\n".join(out), len(rows)


# ---------------------------------------------------------------------------------------------
# People and offices.
#
# Every source is registered in SOURCES_META (id, name, licence, snapshot date, what it covers)
# and written to people.toml as a [[source]] table; each office names its source by id and keeps
# a `ref` (the record in that source). Terms of the same person in the same office from several
# sources are merged so that each end keeps the most precise date; the merged office cites every
# source it rests on. The checker trusts an office's holders only inside the window its sources
# cover (first record to snapshot), so nothing here needs to pretend to be complete.
# ---------------------------------------------------------------------------------------------

SOURCES_META = {
    "factbook": {
        "name": "CIA World Factbook, weekly snapshots (factbook/factbook.json)",
        "license": "public domain (US government work); repository CC0-1.0",
        "covers": "chiefs of state and heads of government of 240 countries and territories, from "
                  "each holder's start date; changes seen weekly 2020-11-24 to 2026-01-22",
    },
    "wikidata-eps": {
        "name": "Wikidata via every-politician-scrapers",
        "license": "CC0-1.0",
        "covers": "heads of state and government and cabinet ministers of 45 countries since 2000, "
                  "UN Secretary-General, WTO Director-General; snapshots July 2022 to January 2023",
    },
    "ifg": {
        "name": "Institute for Government, UK Ministers Database",
        "license": "CC-BY-4.0 (contains Institute for Government data)",
        "covers": "UK Prime Ministers and Secretaries of State since 2000",
    },
    "congress-legislators": {
        "name": "unitedstates/congress-legislators, executive.yaml",
        "license": "CC0-1.0",
        "covers": "US Presidents and Vice Presidents since 2000",
    },
    "wikidata-export": {
        "name": "Wikidata query export (docs/facts-refresh.md)",
        "license": "CC0-1.0",
        "covers": "the positions the newsroom's query asked for, as of the day it was run",
    },
    "copydesk": {
        "name": "copydesk hand-checked additions (scripts/people-additions.toml)",
        "license": "CC0-1.0 (each entry cites the public record it rests on)",
        "covers": "heads of international organizations; corrections newer than the other sources",
    },
}

# every-politician-scrapers positions -> canonical titles (titles.toml). A position may stand for
# several offices ("Minister of Economy and Finance"). Qualified posts are never taken.
QUALIFIED = re.compile(r"(?i)\b(deputy|vice[- ]minister|vice[- ]premier|state secretary|associate|assistant|assisting|"
                       r"under-?secretary|shadow|acting|first vice|second vice|chief of|ambassador|commissioner|"
                       r"court|judge|of the senate|of the house|house of|generalitat|flemish|queensland|of abu dhabi|"
                       r"chair|head of|director-general of the national|executive council|council of ministers|"
                       r"national people's congress|parliamentary assembly|southern sudan|for executive affairs|"
                       r"vice-president (as|for)|vice president (as|for)|in the ministry|home front|"
                       r"materiel|science|production|space|digital|rural|regional|western|tourism|marine|women|"
                       r"social justice|justice reform|financial services|financial markets|internal trade|"
                       r"planning|cooperation|revitalization|security$|economic security|local economy|impact)")
POSITION_TITLES = [
    (r"^(Federal )?Minister (of|for) (the )?(Finance|Economy and Finance|Economy, Finances?|Finance and|"
     r"Economic Affairs and Finance|the Treasury|Treasury)", "Finance Minister"),
    (r"^Secretary (of|for) Finance", "Finance Minister"),
    (r"^Treasurer$", "Finance Minister"),
    (r"^(Federal )?Minister (of|for) (National )?Defen[cs]e\b", "Defence Minister"),
    (r"^Secretary (of|for) (National )?Defen[cs]e\b", "Defence Minister"),
    (r"^(Federal )?Minister (of|for) (the )?Interior\b", "Interior Minister"),
    (r"^Minister of Interior Affairs$", "Interior Minister"),
    (r"^(Federal )?Minister (of|for) Home Affairs$", "Interior Minister"),
    (r"^Secretary (of|for) the Interior\b", "Interior Minister"),
    (r"^(Federal )?Minister (of|for) (Law and )?Justice\b", "Justice Minister"),
    (r"^Minister of Justice", "Justice Minister"),
    (r"^Secretary of Justice$", "Justice Minister"),
    (r"^(Federal )?Minister (of|for) (International |Foreign |External )?Trade\b", "Trade Minister"),
    (r"^(Federal )?Minister (of|for) (Commerce|Industry and Trade|Trade and Industry|Commerce and Industry|"
     r"Industry, Trade|Trade, Industry|Industry and Commerce|Antimonopoly Regulation and Trade)", "Trade Minister"),
    (r"^Secretary (of|for) (Trade|Industrialization, Trade)", "Trade Minister"),
    (r"^(Federal )?Minister (of|for) (the )?(National )?Econom(y|ic Affairs|ic Development)\b", "Economy Minister"),
    (r"^Minister of Economy, (Trade|Industry|Finances)", "Economy Minister"),
    (r"^Secretary of Economy$", "Economy Minister"),
    (r"^Minister of Economy and Finance$", "Economy Minister"),
    (r"^Minister of Economy, Trade and Industry$", "Trade Minister"),
    (r"^Vice[- ]President$", "Vice President"),
    (r"^King$", "King"),
    (r"^Emir$", "Emir"),
    (r"^Crown Prince$", "Crown Prince"),
]
US_CABINET = {
    "Secretary of the Treasury": "Treasury Secretary",
    "Secretary of Defence": "Defense Secretary",
    "Secretary of Defense": "Defense Secretary",
    "Attorney General": "Attorney General",
    "Secretary of Commerce": "Commerce Secretary",
    "Secretary of Homeland Security": "Homeland Security Secretary",
    "Secretary of State": "Secretary of State",
}
WORLD = {
    "Secretary-General of the United Nations": ("Secretary-General", "UNO"),
    "Director-General of the World Trade Organization": ("Director-General", "WTO"),
}


def titles_of(source, position):
    """Canonical titles for an every-politician-scrapers position."""
    if source == "world":
        return [WORLD[position]] if position in WORLD else []
    country = SOURCES[source]
    if position in ("Prime Minister", "President"):
        return [(position, country)]
    if position in FOREIGN:
        out = [("Foreign Minister", country)]
        if position == "Minister for Foreign Affairs and Trade":
            out.append(("Trade Minister", country))
        return out
    if source == "us-cabinet":
        t = US_CABINET.get(position)
        return [(t, country)] if t else []
    if source == "united-kingdom-cabinet":
        return []  # the IfG database is fuller and newer
    if QUALIFIED.search(position):
        return []
    out = []
    for pattern, title in POSITION_TITLES:
        if re.search(pattern, position) and (title, country) not in out:
            out.append((title, country))
    return out


# IfG posts -> wire-copy titles of UK Secretaries of State.
UK_POSTS = {
    "Prime Minister": "Prime Minister",
    "Secretary of State for Foreign and Commonwealth Affairs": "Foreign Secretary",
    "Secretary of State for Foreign, Commonwealth and Development Affairs": "Foreign Secretary",
    "Secretary of State for the Home Department": "Home Secretary",
    "Chancellor of the Exchequer": "Chancellor of the Exchequer",
    "Secretary of State for Defence": "Defence Secretary",
    "Secretary of State for Justice and Lord Chancellor": "Justice Secretary",
    "Secretary of State for Health": "Health Secretary",
    "Secretary of State for Health and Social Care": "Health Secretary",
    "Secretary of State for Education": "Education Secretary",
    "Secretary of State for Education and Skills": "Education Secretary",
    "Secretary of State for Education and Employment": "Education Secretary",
    "Secretary of State for Children, Schools and Families": "Education Secretary",
    "Secretary of State for Environment, Food and Rural Affairs": "Environment Secretary",
    "Secretary of State for Transport": "Transport Secretary",
    "Secretary of State for Work and Pensions": "Work and Pensions Secretary",
    "Secretary of State for Northern Ireland": "Northern Ireland Secretary",
    "Secretary of State for Scotland": "Scotland Secretary",
    "Secretary of State for Wales": "Wales Secretary",
    "Secretary of State for Culture, Media and Sport": "Culture Secretary",
    "Secretary of State for Digital, Culture, Media and Sport": "Culture Secretary",
    "Secretary of State for Culture, Olympics, Media and Sport": "Culture Secretary",
    "Secretary of State for Business, Energy and Industrial Strategy": "Business Secretary",
    "Secretary of State for Business and Trade": "Business Secretary",
    "Secretary of State for Business, Innovation and Skills": "Business Secretary",
    "Secretary of State for Business, Enterprise and Regulatory Reform": "Business Secretary",
    "Secretary of State for Trade and Industry": "Business Secretary",
    "Secretary of State for International Trade": "Trade Secretary",
    "Secretary of State for Energy and Climate Change": "Energy Secretary",
    "Secretary of State for Energy Security and Net Zero": "Energy Secretary",
    "Secretary of State for Science, Innovation and Technology": "Science Secretary",
    "Secretary of State for Communities and Local Government": "Housing Secretary",
    "Secretary of State for Housing, Communities and Local Government": "Housing Secretary",
    "Secretary of State for Levelling Up, Housing and Communities": "Housing Secretary",
}
# A post that is also another title in wire copy ("Business and Trade" is both).
UK_ALSO = {"Secretary of State for Business and Trade": "Trade Secretary",
           "Secretary of State for Trade and Industry": "Trade Secretary"}

# Factbook titles -> canonical titles. Longest first; anything not listed (Governor General,
# Captains Regent, Chairperson of the Presidency, Minister of State, Taliban Leader…) is skipped.
FACTBOOK_TITLES = [
    ("Taoiseach (Prime Minister)", ["Prime Minister"]),
    ("Crown Prince and Prime Minister", ["Crown Prince", "Prime Minister"]),
    ("Prime Minister Crown Prince", ["Crown Prince", "Prime Minister"]),
    ("Prime Minister and Foreign Minister", ["Prime Minister", "Foreign Minister"]),
    ("King and Prime Minister", ["King", "Prime Minister"]),
    ("Supreme Leader", ["Supreme Leader"]),
    ("Prime Minister", ["Prime Minister"]),
    ("Vice President", ["Vice President"]),
    ("Crown Prince", ["Crown Prince"]),
    ("Grand Duke", ["Grand Duke"]),
    ("Taoiseach", ["Prime Minister"]),
    ("President", ["President"]),
    ("Chancellor", ["Chancellor"]),
    ("Premier", ["Prime Minister"]),
    ("Emperor", ["Emperor"]),
    ("King", ["King"]),
    ("Queen", ["Queen"]),
    ("Amir", ["Emir"]),
    ("Emir", ["Emir"]),
    ("Sultan", ["Sultan"]),
    ("Prince", ["Prince"]),
]
FACTBOOK_QUALIFIERS = ("Deputy", "Acting", "Interim", "Caretaker", "Transitional", "First", "Second", "Executive", "Vice Premier",
                       "Chief", "Co-", "Sovereign", "Head", "overall", "former")
MONTHS = {m: i + 1 for i, m in enumerate(["January", "February", "March", "April", "May", "June", "July", "August",
                                          "September", "October", "November", "December"])}
# Factbook country names that differ from mledoze's common names.
FACTBOOK_COUNTRY = {
    "Bahamas, The": "Bahamas", "Burma": "Myanmar", "Cabo Verde": "Cape Verde", "Congo, Democratic Republic of the": "DR Congo",
    "Congo, Republic of the": "Republic of the Congo", "Cote d'Ivoire": "Ivory Coast", "Czechia": "Czechia",
    "Gambia, The": "Gambia", "Holy See (Vatican City)": "Vatican City", "Korea, North": "North Korea",
    "Korea, South": "South Korea", "Micronesia, Federated States of": "Micronesia", "Turkey (Turkiye)": "Turkey",
    "Timor-Leste": "Timor-Leste", "Eswatini": "Eswatini", "Saint Helena, Ascension, and Tristan da Cunha": "Saint Helena, Ascension and Tristan da Cunha",
    "Curacao": "Curaçao", "Saint Barthelemy": "Saint Barthélemy", "Virgin Islands": "United States Virgin Islands",
    "Sao Tome and Principe": "São Tomé and Príncipe", "Pitcairn Islands": "Pitcairn Islands",
    "Saint Pierre and Miquelon": "Saint Pierre and Miquelon", "Wallis and Futuna": "Wallis and Futuna",
    "Macau": "Macau", "Hong Kong": "Hong Kong", "Falkland Islands (Islas Malvinas)": "Falkland Islands",
    "Cocos (Keeling) Islands": "Cocos (Keeling) Islands", "West Bank": "Palestine", "Gaza Strip": "Palestine",
    "Turkiye": "Turkiye", "Turkey": "Turkiye", "The Bahamas": "Bahamas", "Congo (Brazzaville)": "Congo",
    "The Dominican": "Dominican Republic", "The Gambia": "Gambia", "Laos or Lao PDR": "Laos",
}
PARTICLES = {"da", "de", "do", "dos", "das", "di", "del", "della", "van", "von", "der", "den", "ter", "al", "el",
             "bin", "ibn", "bint", "ould", "le", "la", "y", "e"}
ROMAN = re.compile(r"^[IVX]+$")
# Transliterations the press uses for common Arabic given names and particles.
TRANSLIT = [("Muhammad", "Mohammed"), ("Muhammad", "Mohammad"), ("Muhammad", "Mohamed"), ("Ahmad", "Ahmed"),
            ("Mishal", "Meshal"), ("Abd al-", "Abdel "), ("al-", "el-")]


def html_text(s):
    return html.unescape(s).replace("\xa0", " ")


def word_case(w, regnal=False):
    """KISHIDA -> Kishida, WEVER-CROES -> Wever-Croes, O'NEILL -> O'Neill, EL-SISI -> el-Sisi;
    a regnal number (CHARLES III) stays."""
    if regnal and ROMAN.match(w):
        return w
    w = re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), w.lower())
    return re.sub(r"^(Al|El)-", lambda m: m.group(1).lower() + "-", w)


def factbook_name(raw):
    """A Factbook name ("Shigeru ISHIBA", "XI Jinping", "Donald J. TRUMP") as the press writes it:
    (name, surname, aliases). Capitals mark the surname (or the name in use)."""
    raw = re.sub(r"<[^>]*>", "", raw)  # markup in the page ("<span class=...>Mark PHILLIPS")
    raw = re.sub(r'"[^"]*"\s*|\([^)]*\)\s*', "", raw)  # nicknames, "(ret.)", "(Conservative)"
    raw = re.sub(r"^((Maj|Lt|Gen|Brig|Col|Adm|Dr|Field Marshal|Marshal|Sheikh|Gen\.)\.?\s*)+", "", raw.strip())
    raw = re.sub(r",\s*(Jr|Sr)\.?$", r" \1.", raw).strip(" ,")
    raw = re.sub(r",.*$", "", raw)  # ", Lt. Gen." and other trailing descriptions
    tokens = raw.split()
    out, caps = [], []
    for i, t in enumerate(tokens):
        letters = [c for c in t if c.isalpha()]
        is_caps = len(letters) >= 2 and all(c.isupper() for c in letters) or (ROMAN.match(t) and caps and i > 0)
        particle = re.fullmatch(r"(al|el|bin|ibn|de|van)-([A-Z\W]{2,})", t)
        if particle:  # "al-SUDANI" -> "al-Sudani"
            w = f"{particle.group(1)}-{word_case(particle.group(2))}"
            caps.append(w)
            out.append(w)
        elif is_caps:
            w = word_case(t, regnal=bool(caps))
            if w.lower() in PARTICLES and out:
                w = w.lower()
            caps.append(w)
            out.append(w)
        else:
            out.append(t)
    name = " ".join(out)
    surname = " ".join(caps) or None
    aliases = set()
    # "Donald J. Trump" -> "Donald Trump"; "George W. Bush" -> "George W Bush"
    plain = [t for t in out if not re.fullmatch(r"[A-Z]\.", t)]
    aliases.add(" ".join(plain))
    aliases.add(" ".join(t.rstrip(".") if re.fullmatch(r"[A-Z]\.", t) else t for t in out))
    # Each given name with the surname: "Klaus Werner IOHANNIS" -> "Klaus Iohannis",
    # "Jose Pedro CASTILLO Terrones" -> "Pedro Castillo"; "Ali Hoseini-KHAMENEI" -> "Ali Khamenei"
    first = out[0] if out and out[0] not in caps else None
    if first and caps:
        start = out.index(caps[0])
        given = [t for t in out[:start] if not re.fullmatch(r"[A-Z]\.", t) and t.lower() not in PARTICLES]
        for g in given:
            aliases.add(f"{g} {' '.join(caps)}")
        last = caps[-1]
        if "-" in last and caps == [last]:
            aliases.add(f"{first} {last.split('-')[-1]}")
            aliases.add(f"{first} {last[:last.index('-') + 1]}{last[last.index('-') + 1:].lower()}")
    if len(caps) >= 2 and out[0] == caps[0]:
        aliases.add(" ".join(caps))  # "Muhammad bin Salman"
    for a in list(aliases):
        for x, y in TRANSLIT:
            if x in a:
                aliases.add(a.replace(x, y))
    aliases = {fold(a) for a in aliases} | aliases
    aliases.discard(name)
    return name, surname, sorted(a for a in aliases if len(a.split()) >= 2)


def parse_since(s):
    m = re.search(r"since (\d{1,2}) ([A-Z][a-z]+) (\d{4})", s)
    if m and m.group(2) in MONTHS:
        return f"{int(m.group(3)):04d}-{MONTHS[m.group(2)]:02d}-{int(m.group(1)):02d}"
    m = re.search(r"since ([A-Z][a-z]+) (\d{4})", s)
    if m and m.group(1) in MONTHS:
        return f"{int(m.group(2)):04d}-{MONTHS[m.group(1)]:02d}"
    m = re.search(r"since (\d{4})", s)
    return m.group(1) if m else None


def factbook_segments(text, usual=None):
    """(titles, raw name, since) for each office-holder named in one Factbook executive text;
    a bare name ("François BAYROU (since 13 December 2024)") takes the office's `usual` titles."""
    text = html_text(text)
    text = re.split(r"\bnote\b|;?\s*represented by", text)[0]
    # Split at semicolons outside parentheses: "(since 20 May 2016; re-elected on 11 Jan 2020)".
    parts, depth, cur = [], 0, ""
    for ch in text:
        depth += (ch == "(") - (ch == ")")
        if ch == ";" and depth <= 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    for part in parts:
        part = part.strip()
        if not part or part.startswith(FACTBOOK_QUALIFIERS) or "(since" not in part:
            continue
        for form, titles in FACTBOOK_TITLES:
            if part.startswith(form + " "):
                rest = part[len(form) + 1:]
                break
        else:
            if not usual or not re.match(r"^[A-Z][\w'.-]*( [\w'.-]+)* \(since", part) or re.search(
                    r"\b(Minister|President|Premier|Chancellor|King|Queen|Prince|Emir|Amir|Sultan|Leader|Governor|"
                    r"Chief|Chairman|Chairperson|Head|Regent|Caretaker|Acting|Interim|Secretary)\b", part):
                continue
            titles, rest = usual, part
        m = re.match(r"(.+?)\s*\((since[^)]*)\)", rest)
        if not m:
            continue
        raw, since = m.group(1), parse_since(m.group(2))
        # "King WILLEM-ALEXANDER of the Netherlands": that country's own entry has the office.
        if re.search(r"\bof (the )?[A-Z]", raw) or not since or not any(c.isupper() for c in raw):
            continue
        yield titles, raw, since


PRIORITY = ["ifg", "congress-legislators", "copydesk", "wikidata-export", "wikidata-eps", "factbook"]


def days_between(a, b):
    """Days from date a to date b (YYYY, YYYY-MM or YYYY-MM-DD; month and year mean their first day)."""
    def day(s):
        parts = [int(x) for x in s.split("-")] + [1, 1]
        return datetime.date(parts[0], parts[1], parts[2])
    return (day(b) - day(a)).days


def precision(d):
    return len(d.split("-")) if d else 0


class People:
    """Persons keyed by a stable id, with a name index for matching records across sources."""

    def __init__(self):
        self.persons = {}
        self.by_name = {}

    @staticmethod
    def norm(name):
        return re.sub(r"[^a-z ]", "", fold(name).lower().replace("-", " ")).split()

    def person(self, key, name, wikidata=None, aliases=(), surname=None):
        p = self.persons.setdefault(key, {"name": name, "wikidata": wikidata, "offices": [], "aliases": [],
                                          "surname": None})
        if wikidata and not p["wikidata"]:
            p["wikidata"] = wikidata
        if surname and not p["surname"]:
            p["surname"] = surname
        for a in [name, fold(name), *aliases]:
            if a and a != p["name"] and a not in p["aliases"] and a.strip():
                p["aliases"].append(a)
        for a in [p["name"], *p["aliases"]]:
            self.by_name.setdefault(" ".join(self.norm(a)), set()).add(key)
        return p

    def add_office(self, key, office):
        p = self.persons[key]
        if office["to"] and office["from"] and office["to"] < office["from"]:
            print(f"skipped (ends before it starts): {p['name']} {office}", file=sys.stderr)
            return
        if office not in p["offices"]:
            p["offices"].append(office)

    def find_holder(self, names, title, country, start, end):
        """The person on file who held `title` in `country` at some time in [start, end] under a name
        like one of `names` (a transliteration: "Binyamin"/"Benjamin", "Lukashenka"/"Lukashenko")."""
        import difflib
        best, best_score = None, 0.0
        for k, p in self.persons.items():
            for o in p["offices"]:
                if (o["title"], o["country"]) != (title, country) or not o["from"]:
                    continue
                o_end = o["to"] or o.get("as-of") or "9999"
                # The same term from two sources overlaps for months (or starts the same
                # fortnight when a source was taken soon after), a successor's by a day.
                same_start = abs(days_between(o["from"], start)) <= 14
                if days_between(max(o["from"], start), min(o_end, end)) < 60 and not same_start:
                    continue
                for n, m in ((n, m) for n in names for m in [p["name"], *p["aliases"]]):
                    a, b = self.norm(n), self.norm(m)
                    if not a or not b:
                        continue
                    whole = difflib.SequenceMatcher(None, " ".join(a), " ".join(b)).ratio()
                    last = difflib.SequenceMatcher(None, a[-1], b[-1]).ratio()
                    first = difflib.SequenceMatcher(None, a[0], b[0]).ratio()
                    score = max(whole if first >= 0.5 else 0.0, last if last >= 0.8 and first >= 0.5 else 0.0,
                                1.0 if same_start and (first >= 0.8 or last >= 0.9) else 0.0)
                    if score > best_score:
                        best, best_score = k, score
        return best if best_score >= 0.75 else None

    def find(self, names, country, surname=None):
        """The person on file with one of `names` (or the same surname and first name) who held an
        office in `country`; None when there is no such person or more than one."""
        def in_country(k):
            return any(o["country"] == country for o in self.persons[k]["offices"])
        for n in names:
            keys = [k for k in self.by_name.get(" ".join(self.norm(n)), ()) if in_country(k)]
            if len(keys) == 1:
                return keys[0]
        if surname:
            # Same surname and same first given name ("Luiz Inacio Lula da Silva" on file as
            # "Luiz Inácio Lula da Silva"); a name written surname first ("Li Qiang") has no
            # given name to compare and is left alone.
            sur = self.norm(surname)
            given = [t for t in self.norm(names[0]) if t not in sur]
            if not given or self.norm(names[0])[0] in sur:
                return None
            keys = set()
            for k, p in self.persons.items():
                if not in_country(k):
                    continue
                for n in [p["name"], *p["aliases"]]:
                    toks = self.norm(n)
                    if toks and toks[0] == given[0] and all(s in toks for s in sur):
                        keys.add(k)
            if len(keys) == 1:
                return keys.pop()
        return None

    def find_unique(self, name):
        """The only person of that exact name on file, whatever their offices (António Costa:
        Portugal's prime minister, then the European Council's president)."""
        keys = list(self.by_name.get(" ".join(self.norm(name)), ()))
        if len(keys) == 1 and len(self.norm(name)) >= 2:
            return keys[0]
        return None


def merge_terms(offices):
    """Merges the terms of one person in one office that overlap, from any sources: each end keeps
    the most precise date (ties go to the source earlier in PRIORITY), an open end the latest snapshot."""
    def end(o):
        return o["to"] or o.get("as-of") or "9999"

    def rank(o):
        return min(PRIORITY.index(s) for s in o["source"].split(", "))

    out = []
    for o in sorted(offices, key=lambda o: (o["title"], o["country"], o["from"] or "", rank(o))):
        last = out[-1] if out else None
        if last and (last["title"], last["country"]) == (o["title"], o["country"]) and \
                (o["from"] or "") <= end(last)[:len(o["from"] or "")] + "~":
            group = last["_group"] + [o]
            froms = [x for x in group if x["from"]]
            best_from = max(froms, key=lambda x: (precision(x["from"]), -rank(x)))["from"] if froms else None
            latest = max(group, key=lambda x: (x.get("as-of") or x["to"] or "", -rank(x)))
            closed = [x for x in group if x["to"]]
            if latest["to"] is None and not any(x["to"] and x["to"] > (latest.get("as-of") or "") for x in closed):
                to, as_of = None, latest.get("as-of")
            else:
                best = max(closed, key=lambda x: (x.get("as-of") or x["to"], precision(x["to"]), -rank(x)))
                to, as_of = best["to"], None
            sources = []
            for x in sorted(group, key=rank):
                for s in x["source"].split(", "):
                    if s not in sources:
                        sources.append(s)
            refs = []
            for x in group:
                for r in (x.get("ref") or "").split("; "):
                    if r and r not in refs:
                        refs.append(r)
            last.update({"from": best_from, "to": to, "as-of": as_of, "source": ", ".join(sources),
                         "ref": "; ".join(refs) or None, "_group": group})
            continue
        o = dict(o)
        o["_group"] = [dict(o)]
        out.append(o)
    for o in out:
        del o["_group"]
    return sorted(out, key=lambda o: (o["from"] or "", o["title"]))


def people():
    kb = People()
    meta = {k: dict(v) for k, v in SOURCES_META.items()}

    snapshots = {}
    for r in csv.DictReader(open(os.path.join(DATA, "officeholders-wikidata-2022", "COMMITS.tsv"), encoding="utf-8"), delimiter="\t"):
        snapshots[r["repo"].split("/")[-1]] = r["date"]
    meta["wikidata-eps"]["as-of"] = max(snapshots.values())
    for r in csv.DictReader(open(os.path.join(DATA, "officeholders-wikidata-2022", "holders21-all.csv"), encoding="utf-8")):
        src = r["source"]
        if src not in SOURCES or (r["end"] and r["end"] < SINCE) or not r["start"]:
            continue
        titles = titles_of(src, r["position"])
        if src == "us-cabinet":
            titles = [t for t in titles if t[0] != "President"]  # congress-legislators is newer
        if not titles:
            continue
        enwiki = re.sub(r"\s*\(.*\)$", "", r["enwiki"] or "")
        if any(t in ("King", "Emir", "Crown Prince") for t, _ in titles):
            enwiki = re.sub(r" of [A-Z][\w ]+$", "", enwiki)  # "Abdullah II of Jordan"
        kb.person(r["personID"], r["person"], r["personID"], aliases=[enwiki, fold(enwiki)])
        for title, country in titles:
            kb.add_office(r["personID"], {
                "title": title, "country": country, "from": r["start"], "to": r["end"] or None,
                "as-of": snapshots[src], "source": "wikidata-eps", "ref": f"{r['personID']} ({src})"})

    ifg = os.path.join(DATA, "uk-ministers-ifg")
    posts = {r["id"]: r["name"] for r in csv.DictReader(open(os.path.join(ifg, "post.csv"), encoding="utf-8"))}
    names = {}
    for r in csv.DictReader(open(os.path.join(ifg, "person.csv"), encoding="utf-8")):
        # A person may have several name rows (peerages); keep the plain name in use before any title.
        if r["id"] not in names or not r["end_date"]:
            if not r["name"].startswith(("Lord ", "Baroness ", "Sir ", "Dame ")):
                names[r["id"]] = (r["name"], r["short_name"])
    acting = {r["appointment_id"] for r in csv.DictReader(open(os.path.join(ifg, "appointment_characteristics.csv"), encoding="utf-8"))
              if r["is_acting"] == "True"}
    meta["ifg"]["as-of"] = "2026-06-19"
    for r in csv.DictReader(open(os.path.join(ifg, "appointment.csv"), encoding="utf-8")):
        post = posts.get(r["post_id"], "")
        titles = [t for t in (UK_POSTS.get(post), UK_ALSO.get(post)) if t]
        if not titles or (r["end_date"] and r["end_date"] < SINCE) or r["person_id"] not in names or r["id"] in acting:
            continue
        name, short = names[r["person_id"]]
        kb.person("ifg:" + r["person_id"], name, surname=short if short and short in name else None)
        for t in titles:
            kb.add_office("ifg:" + r["person_id"], {
                "title": t, "country": "GBR", "from": r["start_date"], "to": r["end_date"] or None,
                "as-of": meta["ifg"]["as-of"], "source": "ifg", "ref": post})

    meta["congress-legislators"]["as-of"] = "2026-06-15"
    for p in yaml.safe_load(open(os.path.join(DATA, "us-congress-legislators", "executive.yaml"), encoding="utf-8")):
        for term in p["terms"]:
            if term["type"] not in ("prez", "viceprez") or term["end"] < SINCE:
                continue
            n = p["name"]
            name = f"{n.get('nickname') or n['first']} {n['last']}"
            aliases = [f"{n['first']} {n['last']}"]
            if n.get("middle"):
                initial = f"{n.get('nickname') or n['first']} {n['middle'][0]}"
                aliases += [f"{initial}. {n['last']}", f"{initial} {n['last']}"]
            wd = p["id"].get("wikidata")
            key = wd if wd in kb.persons else (wd or name)
            kb.person(key, name, wd, aliases=aliases, surname=n["last"])
            open_term = term["end"] > meta["congress-legislators"]["as-of"]
            kb.add_office(key, {
                "title": "President" if term["type"] == "prez" else "Vice President", "country": "USA",
                "from": term["start"], "to": None if open_term else term["end"],
                "as-of": meta["congress-legislators"]["as-of"], "source": "congress-legislators", "ref": None})

    extra = tomllib.load(open(os.path.join(HERE, "people-additions.toml"), "rb"))
    meta["copydesk"]["as-of"] = str(extra["as-of"])
    for e in extra.get("person", []):
        existing = next((k for k, v in kb.persons.items() if v["name"] == e["name"]), e.get("wikidata") or e["name"])
        kb.person(existing, e["name"], e.get("wikidata"), aliases=e.get("aliases", []), surname=e.get("surname"))
        for o in e.get("office", []):
            new = {"title": o["title"], "country": o["country"], "from": str(o["from"]),
                   "to": str(o["to"]) if o.get("to") else None, "as-of": str(extra["as-of"]),
                   "source": "copydesk", "ref": o["source"]}
            # A correction of a term already on file (same office, same start) replaces it.
            offices = kb.persons[existing]["offices"]
            offices[:] = [x for x in offices if (x["title"], x["country"], x["from"]) != (new["title"], new["country"], new["from"])]
            kb.add_office(existing, new)

    factbook(kb, meta)
    if ARGS.wikidata_export:
        meta["wikidata-export"]["as-of"] = max(ARGS.export_as_of)
        for path, as_of in zip(ARGS.wikidata_export, ARGS.export_as_of):
            wikidata_export(kb, path, as_of)
    else:
        del meta["wikidata-export"]
    for p in kb.persons.values():
        p["offices"] = merge_terms(p["offices"])
    return kb, meta


def wikidata_export(kb, path, as_of):
    """Offices from a Wikidata export (columns person, personLabel, positionLabel, country,
    start, end; see docs/facts-refresh.md): "Prime Minister of Japan" with country JPN is the
    office "Prime Minister" of JPN. A term with no end was open on `as_of`."""
    names = set()
    for c in json.load(open(os.path.join(DATA, "countries-mledoze", "countries.json"), encoding="utf-8")):
        names.update([c["name"]["common"], c["name"]["official"], *c.get("altSpellings", [])])
    taken = skipped = 0
    for r in csv.DictReader(open(path, encoding="utf-8")):
        country = (r.get("country") or "").strip().upper()
        label = (r.get("positionLabel") or "").strip()
        m = re.match(r"^(.*?)\s+of\s+(?:the\s+)?([A-Z][\w .'-]*)$", label)
        if m and m.group(2) in names:
            label = m.group(1)  # "Prime Minister of Japan" -> "Prime Minister"
        qid = (r.get("person") or "").rsplit("/", 1)[-1]
        name = (r.get("personLabel") or "").strip()
        start = (r.get("start") or "")[:10]
        end = (r.get("end") or "")[:10] or None
        if not (country and label and qid and name and start) or (end and end < SINCE):
            skipped += 1
            continue
        titles = [label] if label in ("Prime Minister", "President", "Vice President", "Chancellor", "King",
                                      "Queen", "Emir", "Crown Prince", "Supreme Leader") else []
        if not titles:
            titles = [t for pattern, t in POSITION_TITLES if re.search(pattern, label) and not QUALIFIED.search(label)]
            if label in FOREIGN:
                titles.append("Foreign Minister")
        if not titles:
            skipped += 1
            continue
        key = qid if qid in kb.persons else (kb.find([name], country) or qid)
        kb.person(key, kb.persons[key]["name"] if key in kb.persons else name, qid)
        for t in dict.fromkeys(titles):
            kb.add_office(key, {"title": t, "country": country, "from": start, "to": end,
                                "as-of": None if end else as_of, "source": "wikidata-export", "ref": qid})
            taken += 1
    print(f"{path}: {taken} offices taken, {skipped} rows skipped (position not a title on file, or incomplete)",
          file=sys.stderr)


def factbook(kb, meta):
    """Heads of state and government from the Factbook's weekly history: each holder's term runs
    from their "since" date to their successor's; a holder still listed in the last snapshot is open."""
    base = os.path.join(DATA, "factbook-2026")
    countries = json.load(open(os.path.join(DATA, "countries-mledoze", "countries.json"), encoding="utf-8"))
    code = {}
    # Territories whose chief of state is another country's; Taiwan, Kosovo and Palestine
    # have their own although the source marks them not independent.
    dependent = {c["cca3"] for c in countries if not c.get("independent")} - {"TWN", "UNK", "PSE"}
    for c in countries:
        for n in [c["name"]["common"], c["name"]["official"], *c.get("altSpellings", [])]:
            code.setdefault(n, c["cca3"])
    rows = list(csv.DictReader(open(os.path.join(base, "factbook_executive_history_2020_2026.csv"), encoding="utf-8")))
    last_snapshot = max(r["last_seen_snapshot"] for r in rows)
    meta["factbook"]["as-of"] = last_snapshot
    # The first snapshot (2020-11-23) is an older edition: its rows are stale.
    first_snapshot = min(r["first_seen_snapshot"] for r in rows)
    rows = [r for r in rows if r["last_seen_snapshot"] != first_snapshot]
    # GEC code -> ISO alpha-3, from any of the names the code's rows carry.
    gec_iso = {}
    for r in rows:
        name = html_text(r["country"]).strip()
        iso = code.get(FACTBOOK_COUNTRY.get(name, name))
        if iso:
            gec_iso.setdefault(r["gec_code"], iso)
    unmatched_countries = {r["country"] for r in rows if r["gec_code"] not in gec_iso}
    # The titles each office usually has, for texts that give a bare name.
    usual = {}
    for r in rows:
        for titles, _, _ in factbook_segments(r["factbook_text"]):
            usual.setdefault((r["gec_code"], r["office"]), titles)
    by_office = {}
    for r in sorted(rows, key=lambda r: (r["first_seen_snapshot"], r["last_seen_snapshot"])):
        iso = gec_iso.get(r["gec_code"])
        # A territory's chief of state is its sovereign's (the US President, the King of the
        # Netherlands): that office is the sovereign country's own.
        if not iso or (iso in dependent and r["office"] == "chief of state"):
            continue
        for titles, raw, since in factbook_segments(r["factbook_text"], usual.get((r["gec_code"], r["office"]))):
            for t in titles:
                by_office.setdefault((t, iso), []).append((raw, since, r))
    stats = {"terms": 0, "matched": 0, "new": 0}
    for (title, iso), seen in by_office.items():
        # Consecutive sightings of one holder are one term; it starts at their earliest "since".
        terms = []
        for raw, since, r in seen:
            name = factbook_name(raw)[0]
            if terms and terms[-1]["name"] == name:
                t = terms[-1]
                if since > t["last"]:
                    # Back after a gap (a caretaker the Factbook named by another title): a new
                    # term; the first is known only up to its last edition.
                    t["gap"] = True
                    terms.append({"name": name, "raw": raw, "since": since, "last": r["last_seen_snapshot"],
                                  "gec": r["gec_code"], "country": r["country"]})
                    continue
                if abs(days_between(t["since"], since)) < 60:
                    t["since"] = since  # a correction: the newest edition's date wins
                t["last"] = max(t["last"], r["last_seen_snapshot"])
                continue
            if any(x["name"] == name for x in terms) and since <= max(x["since"] for x in terms if x["name"] == name):
                # The same term seen again after another holder's rows (a transient or vacant text).
                t = next(x for x in reversed(terms) if x["name"] == name)
                t["last"] = max(t["last"], r["last_seen_snapshot"])
                continue
            terms.append({"name": name, "raw": raw, "since": since, "last": r["last_seen_snapshot"],
                          "gec": r["gec_code"], "country": r["country"]})
        for i, t in enumerate(terms):
            # A successor's "since" copied from the predecessor (an editing slip) cannot be right:
            # the change is known only to lie between the two editions.
            if i and t["since"] <= terms[i - 1]["since"]:
                t["since"] = terms[i - 1]["last"]
        for i, t in enumerate(terms):
            later = [x["since"] for x in terms[i + 1:] if x["name"] != t["name"] and x["since"] > t["since"]]
            to = None if t.get("gap") else (min(later) if later else None)
            if to is None and t["last"] != last_snapshot:
                as_of = t["last"]  # gone from the Factbook without a dated successor: known up to here
            else:
                as_of = last_snapshot
            name, surname, aliases = factbook_name(t["raw"])
            given = [w for w in name.split() if surname and w not in surname.split()]
            short = f"{given[0]} {surname}" if given and surname else name
            key = kb.find([name, *aliases], iso, surname) or kb.find_unique(short) or \
                kb.find_holder([name, *aliases], title, iso, t["since"], to or as_of)
            stats["terms"] += 1
            if key:
                stats["matched"] += 1
                kb.person(key, kb.persons[key]["name"], aliases=[name, *aliases], surname=surname)
            else:
                stats["new"] += 1
                key = f"factbook:{name}"
                kb.person(key, name, aliases=aliases, surname=surname)
            kb.add_office(key, {"title": title, "country": iso, "from": t["since"], "to": to,
                                "as-of": None if to else as_of, "source": "factbook",
                                "ref": f"{t['country']} ({t['gec']}), {title.lower()}"})
    if unmatched_countries:
        print(f"factbook: no ISO code for {sorted(unmatched_countries)}", file=sys.stderr)
    print(f"factbook: {stats['terms']} terms, {stats['matched']} matched to people on file, {stats['new']} new people",
          file=sys.stderr)


def press_forms(name):
    """Other ways the press writes a name: without diacritics, initials without full stops
    ("George W Bush", "JD Vance"), the other Arabic article ("al-Sisi" for "el-Sisi"), and
    without the first of three given names ("Tayyip Erdogan")."""
    forms = {fold(name)}
    for n in list(forms) + [name]:
        forms.add(re.sub(r"\b([A-Z])\.(?=\s|[A-Z]|$)", r"\1", n).replace("  ", " "))
        forms.add(re.sub(r"\b([A-Z])\.([A-Z])\.", r"\1\2", n))
        for a, b in (("el-", "al-"), ("al-", "el-"), ("El-", "Al-"), ("Al-", "El-")):
            if a in n:
                forms.add(n.replace(a, b))
    tokens = name.split()
    if len(tokens) >= 3 and all(t[0].isupper() and t.lower() not in PARTICLES and not re.fullmatch(r"[A-Z]\.?", t)
                                for t in tokens):
        forms.add(fold(" ".join(tokens[1:])))
        forms.add(" ".join(tokens[1:]))
    forms.discard(name)
    return [f for f in forms if len(f.split()) >= 2]


def write_people(kb, meta):
    out = [
        "# People and the offices they held since 2000: heads of state and government, monarchs,",
        "# vice presidents, foreign, finance, defence, interior, justice, trade and economy ministers,",
        "# UK Secretaries of State, heads of international organizations.",
        "# Generated by scripts/build-facts.py; do not edit by hand (add to scripts/people-additions.toml).",
        "# Sources (each listed below as a [[dataset]] with its licence and snapshot date):",
        "# CIA World Factbook (public domain; repository CC0 1.0); Wikidata via every-politician-scrapers (CC0 1.0);",
        "# Institute for Government, UK Ministers Database (CC BY 4.0; contains IfG data);",
        "# unitedstates/congress-legislators (CC0 1.0); scripts/people-additions.toml (each entry cites its source).",
        "# Dates are YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source. A term with no `to` was open",
        "# at its source's snapshot, the office's `as-of` date: after it the office is not known.",
        'source = "CIA World Factbook (public domain), Wikidata (CC0), Institute for Government UK Ministers Database (CC BY 4.0), unitedstates/congress-legislators (CC0)"',
        'license = "CC0-1.0 AND CC-BY-4.0"',
        f"as-of = {q(max(m['as-of'] for m in meta.values()))}",
        f"covers-from = {q(SINCE)}",
        "",
    ]
    for sid, m in meta.items():
        out += ["[[dataset]]", f"id = {q(sid)}", f"name = {q(m['name'])}", f"license = {q(m['license'])}",
                f"as-of = {q(m['as-of'])}", f"covers = {q(m['covers'])}", ""]
    # Records of one name from different sources (Salva Kiir: Sudan's vice president in
    # Wikidata, South Sudan's president in the Factbook) are one person.
    by_name = {}
    for p in kb.persons.values():
        if p["name"] in by_name:
            first = by_name[p["name"]]
            first["offices"] = merge_terms(first["offices"] + p["offices"])
            first["aliases"] += [a for a in p["aliases"] if a not in first["aliases"]]
            first["wikidata"] = first["wikidata"] or p["wikidata"]
            first["surname"] = first["surname"] or p["surname"]
        else:
            by_name[p["name"]] = p
    n = 0
    for p in sorted(by_name.values(), key=lambda p: p["name"]):
        if not p["offices"]:
            continue
        out.append("[[person]]")
        out.append(f"name = {q(p['name'])}")
        aliases = []
        for a in [*p["aliases"], *press_forms(p["name"])]:
            for form in [a, *press_forms(a)]:
                if form != p["name"] and form not in aliases:
                    aliases.append(form)
        if aliases:
            out.append(f"aliases = [{', '.join(map(q, aliases))}]")
        if p["surname"] and p["surname"] in p["name"] and p["surname"] != p["name"].split()[-1]:
            out.append(f"surname = {q(p['surname'])}")
        if p["wikidata"]:
            out.append(f"wikidata = {q(p['wikidata'])}")
        for o in p["offices"]:
            out.append("[[person.office]]")
            out.append(f"title = {q(o['title'])}")
            out.append(f"country = {q(o['country'])}")
            if o["from"]:
                out.append(f"from = {q(o['from'])}")
            if o["to"]:
                out.append(f"to = {q(o['to'])}")
            elif o.get("as-of"):
                out.append(f"as-of = {q(o['as-of'])}")
            out.append(f"source = {q(o['source'])}")
            if o.get("ref"):
                out.append(f"ref = {q(o['ref'])}")
        out.append("")
        n += 1
    return "\n".join(out), n


os.makedirs(OUT, exist_ok=True)
text, n = countries()
open(os.path.join(OUT, "countries.toml"), "w", encoding="utf-8").write(text)
print(f"countries.toml: {n} countries")
kb, meta = people()
text, n = write_people(kb, meta)
open(os.path.join(OUT, "people.toml"), "w", encoding="utf-8").write(text)
print(f"people.toml: {n} people")
