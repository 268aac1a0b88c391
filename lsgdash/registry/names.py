"""One name-resolution function for every importer.

Input files spell a unit in Kazakh, Russian, English or Latin-script Kazakh, in capitals, with
abbreviations, in genitive titles («ИСПОЛНЕНИЕ БЮДЖЕТА АКМОЛИНСКОЙ ОБЛАСТИ») or with a Latin i inside a
Cyrillic word. `normalise` folds all of that to one key; an unknown name raises with the closest units.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

from lsgdash.registry.units import BY_ISO, NATIONAL_UNIT, UNITS, Unit

_CYR_FOLD = str.maketrans({
    "ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "і": "и", "ё": "е",
    "ы": "ы",
})
# Latin letters that look like Cyrillic ones, for words typed in mixed scripts (Жетiсу with a Latin i).
_LAT_TO_CYR = str.maketrans({"a": "а", "c": "с", "e": "е", "i": "и", "o": "о", "p": "р", "x": "х", "y": "у",
                             "k": "к", "m": "м", "t": "т", "h": "н", "b": "в"})
_REGION_WORDS = {"область", "области", "облысы", "облысының", "обл", "region", "oblast", "oblysy", "province"}
_CITY_WORDS = {"г", "гор", "город", "города", "каласы", "каласынын", "city", "qalasy", "of", "the"}
_ADJ_END = re.compile(r"(ская|ской|ский|скую|ские|ских|ском|ское)$")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


class UnknownUnitError(ValueError):
    """A name that matches no unit; carries the text and the closest units."""

    def __init__(self, text: str, suggestions: list[Unit]):
        self.text = text
        self.suggestions = suggestions
        hint = ", ".join(f"{u.iso} {u.name_en}" for u in suggestions) or "none"
        super().__init__(f"unknown region name {text!r}; closest: {hint}")


def _fold_word(word: str) -> str:
    if re.search("[а-яәғқңөұүһіё]", word) and re.search("[a-z]", word):
        word = word.translate(_LAT_TO_CYR)
    word = word.translate(_CYR_FOLD)
    if re.search("[а-я]", word):
        word = _ADJ_END.sub("ск", word)
    return word


def normalise(text: str) -> str:
    """Fold a unit name to its matching key: generic region words become one trailing token, city words go."""
    text = unicodedata.normalize("NFKC", str(text)).replace("_x000D_", " ").lower()
    words = [_fold_word(w) for w in _WORD.findall(text)]
    is_region = any(w in _REGION_WORDS for w in words)
    core = [w for w in words if w not in _REGION_WORDS and w not in _CITY_WORDS]
    return " ".join(core + (["obl"] if is_region else []))


def _build_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for unit in (*UNITS, NATIONAL_UNIT):
        for name in (unit.name_en, unit.name_kk, unit.name_ru, unit.iso, *unit.bulletin, *unit.aliases):
            key = normalise(name)
            previous = index.setdefault(key, unit.iso)
            if previous != unit.iso:
                raise AssertionError(f"alias {name!r} is ambiguous: {previous} and {unit.iso}")
    # A bare stem of a region (e.g. «Акмолинская» without «область») names the region as well.
    for key, iso in list(index.items()):
        if key.endswith(" obl"):
            index.setdefault(key[: -len(" obl")], iso)
        elif iso not in ("KZ-71", "KZ-75", "KZ-79", "KZ"):
            index.setdefault(f"{key} obl", iso)
    return index


_INDEX = _build_index()
_MAX_WORDS = max(len(k.split()) for k in _INDEX)


def resolve(text: str) -> str:
    """ISO code (or `KZ` for the national total) of a unit name, or UnknownUnitError."""
    key = normalise(text)
    if key in _INDEX:
        return _INDEX[key]
    words = key.split()
    # A title that contains a unit name: take the longest run of words that is a known key.
    for size in range(min(_MAX_WORDS, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            run = words[start:start + size]
            candidates = [" ".join(run)]
            if "obl" in words and "obl" not in run:
                candidates.insert(0, " ".join(run + ["obl"]))
            for candidate in candidates:
                if candidate in _INDEX and candidate not in {"obl"}:
                    return _INDEX[candidate]
    raise UnknownUnitError(str(text), suggest(text))


def suggest(text: str, limit: int = 3) -> list[Unit]:
    """The units whose names are closest to a text, for an error message."""
    key = normalise(text)
    close = difflib.get_close_matches(key, list(_INDEX), n=limit * 4, cutoff=0.5)
    seen: list[str] = []
    for match in close:
        if _INDEX[match] not in seen:
            seen.append(_INDEX[match])
    return [BY_ISO[iso] for iso in seen[:limit]]
