"""Contact details: unique emails at reserved example domains, valid phones, home city, consent."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from graph.core.validation import normalize_phone
from scripts.seed import places
from scripts.seed.names import PersonName, email_local
from scripts.seed.rand import Weighted, chance

# Reserved domains (RFC 2606) so that no generated address can reach a real mailbox.
_DOMAINS = Weighted([
    ("example.com", 4.0), ("example.net", 2.0), ("example.org", 1.0), ("alumni.huaxia.example", 1.0),
])  # fmt: skip
STAFF_DOMAIN = "huaxia.example"
_CN_MOBILE = [
    "130",
    "131",
    "132",
    "133",
    "134",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "153",
    "155",
    "156",
    "157",
    "158",
    "159",
    "166",
    "176",
    "177",
    "180",
    "181",
    "182",
    "183",
    "184",
    "185",
    "186",
    "187",
    "188",
    "189",
    "199",
]
# Country → (calling code, mobile prefix, digits after it); North America uses 555 numbers.
_ABROAD = {
    "GB": ("44", "7", 9), "DE": ("49", "15", 9), "FR": ("33", "6", 8), "JP": ("81", "90", 8),
    "KR": ("82", "10", 8), "SG": ("65", "9", 7), "AU": ("61", "4", 8), "NZ": ("64", "21", 7),
    "AE": ("971", "5", 8), "MY": ("60", "1", 9), "SE": ("46", "7", 8), "IT": ("39", "3", 9),
    "ES": ("34", "6", 8), "NL": ("31", "6", 8), "CH": ("41", "7", 8),
}  # fmt: skip
_AREA = {
    "US-NYC": "212", "US-SFO": "415", "US-SJC": "408", "US-BOS": "617", "US-SEA": "206", "US-LAX": "213",
    "US-CHI": "312", "US-WAS": "202", "US-HOU": "713", "CA-TOR": "416", "CA-VAN": "604", "CA-MTL": "514",
}  # fmt: skip


@dataclass
class Contacts:
    """Addresses and numbers given out so far: each belongs to one person."""

    emails: set[str] = field(default_factory=set)
    phones: set[str] = field(default_factory=set)

    def email(self, rng: random.Random, name: PersonName, birth: int, domain: str | None = None) -> str:
        """A new address for this person."""
        local = email_local(rng, name, birth)
        at = domain or _DOMAINS.pick(rng)
        address = f"{local}@{at}"
        while address.lower() in self.emails:
            address = f"{local}{rng.randint(1, 9999)}@{at}"
        self.emails.add(address.lower())
        return address

    def phone(self, rng: random.Random, city: str) -> str | None:
        """A new mobile number where the person lives (China when unknown), or None if none is free."""
        for _ in range(20):
            number = _phone(rng, city)
            key = normalize_phone(number)
            if key not in self.phones:
                self.phones.add(key)
                return number
        return None


def _phone(rng: random.Random, city: str) -> str:
    country = places.country_of(city) if city else "CN"
    if country == "CN":
        digits = f"{rng.choice(_CN_MOBILE)}{rng.randrange(10**8):08d}"
        style = rng.random()
        if style < 0.1:
            return f"+86{digits}"
        return f"{digits[:3]}-{digits[3:7]}-{digits[7:]}" if style < 0.15 else digits
    if country in ("US", "CA"):
        return f"+1{_AREA.get(city, '646')}555{rng.randrange(10**4):04d}"
    code, prefix, rest = _ABROAD.get(country, ("65", "8", 7))
    return f"+{code}{prefix}{rng.randrange(10**rest):0{rest}d}"


def home_city(rng: random.Random, abroad: float = 0.07, unknown: float = 0.06) -> str:
    """Where someone lives: '' when not recorded, a foreign city or country, else a Chinese city."""
    draw = rng.random()
    if draw < unknown:
        return ""
    return places.ABROAD.pick(rng) if draw < unknown + abroad else places.HOME.pick(rng)


@dataclass(frozen=True)
class Reach:
    """How a person can be reached and what they allow."""

    email: str | None
    phone: str | None
    consent_contact: bool
    consent_directory: bool

    @property
    def contactable(self) -> bool:
        """Has an email or phone and consents to contact."""
        return self.consent_contact and bool(self.email or self.phone)


def reach(rng: random.Random, contacts: Contacts, name: PersonName, birth: int, city: str) -> Reach:
    """Email for most, phone for most (fewer among the oldest); ~70% consent to contact."""
    older = birth < 1955
    email = contacts.email(rng, name, birth) if chance(rng, 0.55 if older else 0.82) else None
    phone = contacts.phone(rng, city) if chance(rng, 0.6 if older else 0.76) else None
    consent = chance(rng, 0.7)
    return Reach(email, phone, consent, chance(rng, 0.6 if consent else 0.15))
