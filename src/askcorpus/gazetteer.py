"""Country names and their adjectives, for checking that "which country?" gets a country."""

from __future__ import annotations

import re

# Sovereign states (and a few former ones news still names), lower case.
_NAMES = (  # noqa: SIM905 - a long word list reads better as text
    "afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan "
    "bahamas bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia "
    "botswana brazil brunei bulgaria burundi cambodia cameroon canada chad chile china colombia "
    "comoros congo croatia cuba cyprus czechia denmark djibouti dominica ecuador egypt eritrea "
    "estonia eswatini ethiopia fiji finland france gabon gambia georgia germany ghana greece "
    "grenada guatemala guinea guyana haiti honduras hungary iceland india indonesia iran iraq "
    "ireland israel italy jamaica japan jordan kazakhstan kenya kiribati kosovo kuwait "
    "kyrgyzstan laos latvia lebanon lesotho liberia libya liechtenstein lithuania luxembourg "
    "madagascar malawi malaysia maldives mali malta mauritania mauritius mexico micronesia "
    "moldova monaco mongolia montenegro morocco mozambique myanmar namibia nauru nepal "
    "netherlands nicaragua niger nigeria norway oman pakistan palau palestine panama paraguay "
    "peru philippines poland portugal qatar romania russia rwanda samoa senegal serbia "
    "seychelles singapore slovakia slovenia somalia spain sudan suriname sweden switzerland "
    "syria taiwan tajikistan tanzania thailand togo tonga tunisia turkey turkmenistan tuvalu "
    "uganda ukraine uruguay uzbekistan vanuatu vatican venezuela vietnam yemen zambia zimbabwe"
).split()
_MULTI = (  # noqa: SIM905
    "antigua and barbuda|bosnia and herzegovina|burkina faso|cabo verde|central african republic|"
    "costa rica|czech republic|dominican republic|el salvador|equatorial guinea|guinea-bissau|"
    "marshall islands|new zealand|north korea|north macedonia|papua new guinea|saint lucia|"
    "san marino|saudi arabia|sierra leone|solomon islands|south africa|south korea|"
    "south sudan|sri lanka|timor-leste|trinidad and tobago|united arab emirates|united kingdom|"
    "united states|soviet union|ivory coast|cote d'ivoire"
).split("|")
# Other names and adjectives -> the country they name.
_ALIASES = {
    "america": "united states",
    "usa": "united states",
    "u.s.": "united states",
    "u.s.a.": "united states",
    "united states of america": "united states",
    "american": "united states",
    "uk": "united kingdom",
    "u.k.": "united kingdom",
    "britain": "united kingdom",
    "great britain": "united kingdom",
    "british": "united kingdom",
    "england": "united kingdom",
    "english": "united kingdom",
    "scotland": "united kingdom",
    "scottish": "united kingdom",
    "wales": "united kingdom",
    "welsh": "united kingdom",
    "holland": "netherlands",
    "dutch": "netherlands",
    "burma": "myanmar",
    "swaziland": "eswatini",
    "cape verde": "cabo verde",
    "east timor": "timor-leste",
    "ussr": "soviet union",
    "soviet": "soviet union",
    "russian federation": "russia",
    "macedonia": "north macedonia",
    "turkiye": "turkey",
    "uae": "united arab emirates",
    "emirati": "united arab emirates",
    "viet nam": "vietnam",
    "cote d'ivoire": "ivory coast",
    "korea": "south korea",
    "north korean": "north korea",
    "south korean": "south korea",
    "korean": "south korea",
    "filipino": "philippines",
    "philippine": "philippines",
    "czech": "czechia",
    "czech republic": "czechia",
    "saudi": "saudi arabia",
    "new zealander": "new zealand",
    "south african": "south africa",
    "sri lankan": "sri lanka",
    "afghan": "afghanistan",
    "argentine": "argentina",
    "argentinian": "argentina",
    "azerbaijani": "azerbaijan",
    "belarusian": "belarus",
    "belgian": "belgium",
    "bosnian": "bosnia",
    "brazilian": "brazil",
    "chinese": "china",
    "croatian": "croatia",
    "cypriot": "cyprus",
    "danish": "denmark",
    "finnish": "finland",
    "french": "france",
    "german": "germany",
    "greek": "greece",
    "icelandic": "iceland",
    "iraqi": "iraq",
    "irish": "ireland",
    "israeli": "israel",
    "japanese": "japan",
    "kazakh": "kazakhstan",
    "kuwaiti": "kuwait",
    "kyrgyz": "kyrgyzstan",
    "lebanese": "lebanon",
    "lithuanian": "lithuania",
    "norwegian": "norway",
    "pakistani": "pakistan",
    "polish": "poland",
    "portuguese": "portugal",
    "qatari": "qatar",
    "slovak": "slovakia",
    "slovenian": "slovenia",
    "somali": "somalia",
    "spanish": "spain",
    "sudanese": "sudan",
    "swedish": "sweden",
    "swiss": "switzerland",
    "taiwanese": "taiwan",
    "tajik": "tajikistan",
    "thai": "thailand",
    "turkish": "turkey",
    "turkmen": "turkmenistan",
    "uzbek": "uzbekistan",
    "vietnamese": "vietnam",
    "yemeni": "yemen",
    "egyptian": "egypt",
    "ethiopian": "ethiopia",
    "indonesian": "indonesia",
    "mongolian": "mongolia",
    "moroccan": "morocco",
    "nigerian": "nigeria",
    "malaysian": "malaysia",
}
# Adjectives made by adding "n" or "ian": russia(n), armenia(n), canada -> canadian, ...
_ADJ = {
    "russian": "russia",
    "ukrainian": "ukraine",
    "armenian": "armenia",
    "georgian": "georgia",
    "estonian": "estonia",
    "latvian": "latvia",
    "moldovan": "moldova",
    "romanian": "romania",
    "bulgarian": "bulgaria",
    "serbian": "serbia",
    "albanian": "albania",
    "hungarian": "hungary",
    "austrian": "austria",
    "italian": "italy",
    "canadian": "canada",
    "mexican": "mexico",
    "cuban": "cuba",
    "venezuelan": "venezuela",
    "colombian": "colombia",
    "chilean": "chile",
    "peruvian": "peru",
    "bolivian": "bolivia",
    "indian": "india",
    "iranian": "iran",
    "syrian": "syria",
    "jordanian": "jordan",
    "palestinian": "palestine",
    "libyan": "libya",
    "algerian": "algeria",
    "tunisian": "tunisia",
    "kenyan": "kenya",
    "ghanaian": "ghana",
    "australian": "australia",
}
CANONICAL: dict[str, str] = {n: n for n in _NAMES + _MULTI} | _ALIASES | _ADJ
_ALTERNATIVES = sorted(CANONICAL, key=len, reverse=True)  # "guinea-bissau" before "guinea"
# A name may be followed by a hyphen ("U.S.-led", "Russian-backed"), not by a letter.
COUNTRY = re.compile(
    r"(?<![\w.])(?:" + "|".join(re.escape(a) for a in _ALTERNATIVES) + r")(?![^\W_])"
)
# "US" is a country only in capitals; folded it is the pronoun "us".
_US = re.compile(r"(?<![\w.])U\.?S\.?(?:A\.?)?(?![^\W_])")
_CONTINENTS = re.compile(r"\b(north|south|latin|central) america\b")


# The name of a party, which may hold a country's: "the United Russia party"
PARTY = re.compile(r"\b(?:[A-Z][\w'’.-]*\s){1,3}(?=[Pp]arty\b)")


def display_name(country: str) -> str:
    """A canonical (lower-case) country name as written in text: "united states" is
    "United States", "bosnia and herzegovina" "Bosnia and Herzegovina"."""
    return " ".join(w if w in ("and", "of") else w[:1].upper() + w[1:] for w in country.split())


def countries_in(text: str, folded: str) -> set[str]:
    """The countries a text names, by name or adjective, each as one canonical name
    ("Russian-backed" and "Russia" are both "russia"); `folded` is the text lower-cased with
    accents stripped (`words.fold`)."""
    found = {"united states"} if _US.search(text) else set()
    folded = _CONTINENTS.sub(" ", folded)  # "North America" is no country
    for name in PARTY.findall(text):  # "the United Russia party" is no country
        folded = folded.replace(name.lower(), " ")
    found |= {CANONICAL[m.group(0)] for m in COUNTRY.finditer(folded)}
    return found


# Countries in Europe, the transcontinental ones too (canonical names): "Which European ally
# ...?" is not answered by the United States.
EUROPEAN = set(
    (  # noqa: SIM905 - a long word list reads better as text
        "albania andorra armenia austria azerbaijan belarus belgium bosnia bulgaria croatia cyprus "
        "czechia denmark estonia finland france georgia germany greece hungary iceland ireland "
        "italy kazakhstan kosovo latvia liechtenstein lithuania luxembourg malta moldova monaco "
        "montenegro netherlands norway poland portugal romania russia serbia slovakia slovenia "
        "spain sweden switzerland turkey ukraine vatican"
    ).split()
) | {
    "bosnia and herzegovina", "north macedonia", "san marino", "united kingdom", "soviet union",
}  # fmt: skip


# Countries of other regions a question may name ("Which ASEAN countries ...?", "Which
# Central Asian state ...?"), canonical names.
ASEAN = {
    "brunei", "cambodia", "indonesia", "laos", "malaysia", "myanmar", "philippines",
    "singapore", "thailand", "vietnam", "timor-leste",
}  # fmt: skip
CENTRAL_ASIAN = {"kazakhstan", "kyrgyzstan", "tajikistan", "turkmenistan", "uzbekistan"}
ASIA_PACIFIC = (
    ASEAN
    | set(
        (  # noqa: SIM905 - a long word list reads better as text
            "australia bangladesh bhutan china fiji india japan kiribati maldives mongolia nauru "
            "nepal pakistan palau samoa taiwan tonga tuvalu vanuatu micronesia"
        ).split()
    )
    | {
        "new zealand", "north korea", "south korea", "papua new guinea", "solomon islands",
        "sri lanka", "marshall islands",
    }
)  # fmt: skip
GULF = {"bahrain", "kuwait", "oman", "qatar", "saudi arabia", "united arab emirates"}
BALTIC = {"estonia", "latvia", "lithuania"}
NORDIC = {"denmark", "finland", "iceland", "norway", "sweden"}
# "Which Asia-Pacific countries ...?": the region's words, as folded in a question
REGIONS = [
    (re.compile(r"\b(?:asean|southeast asian|south-east asian)\b"), ASEAN),
    (re.compile(r"\bcentral asian?\b"), CENTRAL_ASIAN),
    (re.compile(r"\b(?:asia-pacific|asia pacific|indo-pacific|indo pacific)\b"),
     ASIA_PACIFIC),
    (re.compile(r"\bpersian gulf\b"), GULF | {"iran", "iraq"}),
    (re.compile(r"\bgulf\b"), GULF),
    (re.compile(r"\bbaltic\b(?! sea)"), BALTIC),
    (re.compile(r"\b(?:nordic|scandinavian)\b"), NORDIC),
    (re.compile(r"\beuropean\b"), EUROPEAN),  # "Which European ally ...?": not the US
]  # fmt: skip


# Aliases that are names of the country rather than its adjective.
_NAME_ALIASES = {
    "america", "usa", "u.s.", "u.s.a.", "united states of america", "uk", "u.k.", "britain",
    "great britain", "england", "scotland", "wales", "holland", "burma", "swaziland",
    "cape verde", "east timor", "ussr", "russian federation", "macedonia", "turkiye", "uae",
    "viet nam", "cote d'ivoire", "korea", "czech republic",
}  # fmt: skip


def is_country_adjective(word: str) -> bool:
    """True for a folded country adjective ("lithuanian", "kazakh"), not a country's name."""
    return word in _ADJ or (word in _ALIASES and word not in _NAME_ALIASES)
