"""Invented identities for ``section16 synth``: issuer names, tickers, people, funds and addresses.

Everything here is made up from small word lists by a seeded :class:`random.Random`; CIKs and tickers are
derived from an issuer's index so they never collide. CIKs are drawn from ranges far above the ones EDGAR
had assigned when the generator was written, so invented filers cannot be mistaken for real ones
(EDGAR CIKs are at most 10 digits, EDGAR Filer Manual vol. II, 3.1).
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass

__all__ = [
    "MAX_PEOPLE_PER_ISSUER",
    "Place",
    "fund_names",
    "issuer_cik",
    "issuer_name",
    "person_cik",
    "person_name",
    "place",
    "sic",
    "ticker",
]

MAX_PEOPLE_PER_ISSUER = 40
"""Reporting owners an issuer may have over a run (each a CIK of its own)."""

_ISSUER_CIK_BASE = 7_000_000_000
_PERSON_CIK_BASE = 8_000_000_000

_FIRST = (
    "James",
    "Mary",
    "Robert",
    "Patricia",
    "John",
    "Jennifer",
    "Michael",
    "Linda",
    "David",
    "Elizabeth",
    "William",
    "Barbara",
    "Richard",
    "Susan",
    "Joseph",
    "Jessica",
    "Thomas",
    "Sarah",
    "Charles",
    "Karen",
    "Daniel",
    "Lisa",
    "Matthew",
    "Nancy",
    "Anthony",
    "Betty",
    "Mark",
    "Sandra",
    "Donald",
    "Ashley",
    "Steven",
    "Emily",
    "Paul",
    "Kimberly",
    "Andrew",
    "Donna",
    "Joshua",
    "Michelle",
    "Kenneth",
    "Carol",
    "Kevin",
    "Amanda",
    "Brian",
    "Melissa",
    "George",
    "Deborah",
    "Timothy",
    "Stephanie",
    "Ronald",
    "Rebecca",
    "Jason",
    "Laura",
    "Edward",
    "Helen",
    "Jeffrey",
    "Sharon",
    "Ryan",
    "Cynthia",
    "Jacob",
    "Kathleen",
    "Gary",
    "Amy",
    "Nicholas",
    "Angela",
    "Eric",
    "Shirley",
    "Jonathan",
    "Anna",
    "Priya",
    "Wei",
    "Rahul",
    "Mei",
    "Omar",
    "Sofia",
    "Hiroshi",
    "Elena",
    "Tomas",
    "Ingrid",
    "Kwame",
    "Aisha",
    "Mateo",
    "Lucia",
)
_LAST = (
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Perez",
    "Thompson",
    "White",
    "Harris",
    "Sanchez",
    "Clark",
    "Ramirez",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Torres",
    "Nguyen",
    "Hill",
    "Flores",
    "Green",
    "Adams",
    "Nelson",
    "Baker",
    "Hall",
    "Rivera",
    "Campbell",
    "Mitchell",
    "Carter",
    "Roberts",
    "Gomez",
    "Phillips",
    "Evans",
    "Turner",
    "Diaz",
    "Parker",
    "Cruz",
    "Edwards",
    "Collins",
    "Reyes",
    "Stewart",
    "Morris",
    "Morales",
    "Murphy",
    "Cook",
    "Rogers",
    "Gutierrez",
    "Ortiz",
    "Morgan",
    "Cooper",
    "Peterson",
    "Bailey",
    "Reed",
    "Kelly",
    "Howard",
    "Ramos",
    "Kim",
    "Cox",
    "Ward",
    "Richardson",
    "Watson",
    "Brooks",
    "Chavez",
    "Wood",
    "Patel",
    "Okafor",
    "Lindqvist",
    "Tanaka",
    "Kowalski",
    "Haddad",
    "Novak",
    "Brennan",
    "Castellano",
    "Whitfield",
    "Ashworth",
)
_ISSUER_FIRST = (
    "Northwind",
    "Bluestone",
    "Cedar",
    "Summit",
    "Harbor",
    "Keystone",
    "Meridian",
    "Silverline",
    "Redwood",
    "Granite",
    "Aurora",
    "Pinnacle",
    "Crescent",
    "Ironwood",
    "Lakeshore",
    "Evergreen",
    "Beacon",
    "Sterling",
    "Horizon",
    "Atlas",
    "Orion",
    "Vanguard",
    "Cobalt",
    "Juniper",
    "Falcon",
    "Riverbend",
    "Clearwater",
    "Highland",
    "Sapphire",
    "Apex",
    "Lumen",
    "Trident",
    "Polaris",
    "Boreal",
    "Halcyon",
    "Quarry",
)
_ISSUER_SECOND = (
    "Therapeutics",
    "Bancorp",
    "Semiconductor",
    "Energy",
    "Holdings",
    "Logistics",
    "Biosciences",
    "Software",
    "Materials",
    "Foods",
    "Networks",
    "Robotics",
    "Pharmaceuticals",
    "Realty",
    "Systems",
    "Industries",
    "Medical",
    "Analytics",
    "Aerospace",
    "Brands",
)
_ISSUER_SUFFIX = ("Inc.", "Corp", "Inc", "Co", "Group, Inc.", "Holdings Corp", "Ltd", "& Co., Inc.")
# SIC codes as the header prints them (SEC's SIC code list), paired with the second word above loosely.
_SIC = (
    "PHARMACEUTICAL PREPARATIONS [2834]",
    "STATE COMMERCIAL BANKS [6022]",
    "SEMICONDUCTORS & RELATED DEVICES [3674]",
    "CRUDE PETROLEUM & NATURAL GAS [1311]",
    "SERVICES-PREPACKAGED SOFTWARE [7372]",
    "TRUCKING (NO LOCAL) [4213]",
    "BIOLOGICAL PRODUCTS, (NO DIAGNOSTIC SUBSTANCES) [2836]",
    "REAL ESTATE INVESTMENT TRUSTS [6798]",
    "SURGICAL & MEDICAL INSTRUMENTS & APPARATUS [3841]",
    "AIRCRAFT PARTS & AUXILIARY EQUIPMENT, NEC [3728]",
)
_FUND_FIRST = (
    "Harbor",
    "Ridge",
    "Summit",
    "Lake",
    "Blackstone",
    "Creek",
    "Granite",
    "Peak",
    "Tall",
    "Oak",
    "Windward",
    "Crossbridge",
    "Northgate",
    "Stonebrook",
    "Bayview",
    "Ridgeline",
    "Silver",
    "Fern",
)
_FUND_SECOND = ("Capital", "Ventures", "Partners", "Equity", "Growth")


@dataclass(frozen=True, slots=True)
class Place:
    """A street address: street, city, state code, ZIP and telephone."""

    street: str
    city: str
    state: str
    zip: str
    phone: str


_CITIES = (
    ("SAN JOSE", "CA", "951"),
    ("AUSTIN", "TX", "787"),
    ("BOSTON", "MA", "021"),
    ("NEW YORK", "NY", "100"),
    ("CHICAGO", "IL", "606"),
    ("DENVER", "CO", "802"),
    ("SEATTLE", "WA", "981"),
    ("ATLANTA", "GA", "303"),
    ("MINNEAPOLIS", "MN", "554"),
    ("MENLO PARK", "CA", "940"),
    ("GREENWICH", "CT", "068"),
    ("CHARLOTTE", "NC", "282"),
)
_STREETS = (
    "MAIN STREET",
    "LOGIC DRIVE",
    "PARK AVENUE",
    "COMMERCE WAY",
    "RIVER ROAD",
    "INNOVATION BLVD",
    "MARKET STREET",
    "SAND HILL ROAD",
    "TECHNOLOGY PARKWAY",
)


def issuer_cik(index: int) -> str:
    """The 10-digit CIK of the issuer with this index."""
    return f"{_ISSUER_CIK_BASE + index:010d}"


def person_cik(issuer_index: int, person: int) -> str:
    """The 10-digit CIK of an issuer's ``person``-th reporting owner (0 <= person < 40)."""
    return f"{_PERSON_CIK_BASE + issuer_index * MAX_PEOPLE_PER_ISSUER + person:010d}"


def ticker(index: int) -> str:
    """A ticker unique to the index (up to 26**4 issuers): 3 or 4 capital letters."""
    space = 26**4
    code = (index * 7_919 + 104_729) % space  # 7919 is prime and coprime with 26**4: a bijection
    letters = []
    for _ in range(4):
        code, rest = divmod(code, 26)
        letters.append(string.ascii_uppercase[rest])
    symbol = "".join(letters)
    return symbol[:3] if index % 3 == 0 and index < 17_576 else symbol  # some 3-letter ones, still unique


def issuer_name(rng: random.Random) -> str:
    """``"Bluestone Therapeutics, Inc."``-style name."""
    first, second, suffix = rng.choice(_ISSUER_FIRST), rng.choice(_ISSUER_SECOND), rng.choice(_ISSUER_SUFFIX)
    comma = "," if suffix in {"Inc.", "Inc"} else ""
    return f"{first} {second}{comma} {suffix}"


def sic(rng: random.Random) -> str:
    """A standard industrial classification as the SEC header prints it."""
    return rng.choice(_SIC)


def person_name(rng: random.Random) -> tuple[str, str]:
    """An invented person: (name as filed, ``"LAST FIRST M"``; display name, ``"First M. Last"``)."""
    first, last = rng.choice(_FIRST), rng.choice(_LAST)
    initial = rng.choice(string.ascii_uppercase) if rng.random() < 0.7 else ""
    filed = f"{last} {first} {initial}".strip()
    display = f"{first} {initial + '. ' if initial else ''}{last}"
    return filed, display


def fund_names(rng: random.Random) -> tuple[str, str, str]:
    """A fund family filing jointly: the fund, its general partner and its manager."""
    stem = f"{rng.choice(_FUND_FIRST)} {rng.choice(_FUND_SECOND)}"
    roman = rng.choice(("II", "III", "IV", "V", "VI"))
    return (
        f"{stem} Fund {roman}, L.P.",
        f"{stem} Partners {roman}, LLC",
        f"{stem} Management, LLC",
    )


def place(rng: random.Random) -> Place:
    """An invented street address in a US city."""
    city, state, zip3 = rng.choice(_CITIES)
    street = f"{rng.randint(1, 9999)} {rng.choice(_STREETS)}"
    phone = f"({rng.randint(201, 989)}) {rng.randint(200, 999)}-{rng.randint(0, 9999):04d}"
    return Place(street=street, city=city, state=state, zip=f"{zip3}{rng.randint(0, 99):02d}", phone=phone)
