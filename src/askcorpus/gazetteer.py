"""Country names and their adjectives, for checking that "which country?" gets a country."""

from __future__ import annotations

import re

# Sovereign states and the usual short forms news uses, lower case (text is folded first).
COUNTRIES = (
    "afghanistan|albania|algeria|andorra|angola|antigua and barbuda|argentina|armenia|"
    "australia|austria|azerbaijan|bahamas|bahrain|bangladesh|barbados|belarus|belgium|belize|"
    "benin|bhutan|bolivia|bosnia and herzegovina|bosnia|botswana|brazil|brunei|bulgaria|"
    "burkina faso|burundi|cabo verde|cape verde|cambodia|cameroon|canada|"
    "central african republic|chad|chile|china|colombia|comoros|congo|costa rica|"
    "cote d'ivoire|ivory coast|croatia|cuba|cyprus|czech republic|czechia|denmark|djibouti|"
    "dominica|dominican republic|ecuador|egypt|el salvador|equatorial guinea|eritrea|estonia|"
    "eswatini|swaziland|ethiopia|fiji|finland|france|gabon|gambia|georgia|germany|ghana|greece|"
    "grenada|guatemala|guinea|guinea-bissau|guyana|haiti|honduras|hungary|iceland|india|"
    "indonesia|iran|iraq|ireland|israel|italy|jamaica|japan|jordan|kazakhstan|kenya|kiribati|"
    "kosovo|kuwait|kyrgyzstan|laos|latvia|lebanon|lesotho|liberia|libya|liechtenstein|"
    "lithuania|luxembourg|madagascar|malawi|malaysia|maldives|mali|malta|marshall islands|"
    "mauritania|mauritius|mexico|micronesia|moldova|monaco|mongolia|montenegro|morocco|"
    "mozambique|myanmar|burma|namibia|nauru|nepal|netherlands|holland|new zealand|nicaragua|"
    "niger|nigeria|north korea|north macedonia|macedonia|norway|oman|pakistan|palau|palestine|"
    "panama|papua new guinea|paraguay|peru|philippines|poland|portugal|qatar|romania|russia|"
    "russian federation|rwanda|saint kitts and nevis|saint lucia|"
    "saint vincent and the grenadines|samoa|san marino|sao tome and principe|saudi arabia|"
    "senegal|serbia|seychelles|sierra leone|singapore|slovakia|slovenia|solomon islands|"
    "somalia|south africa|south korea|south sudan|spain|sri lanka|sudan|suriname|sweden|"
    "switzerland|syria|taiwan|tajikistan|tanzania|thailand|timor-leste|east timor|togo|tonga|"
    "trinidad and tobago|tunisia|turkey|turkiye|türkiye|turkmenistan|tuvalu|uganda|ukraine|"
    "united arab emirates|uae|united kingdom|uk|u\\.k\\.|britain|great britain|england|scotland|"
    "wales|united states|united states of america|usa|u\\.s\\.a?\\.?|uruguay|uzbekistan|"
    "vanuatu|vatican|venezuela|vietnam|viet nam|yemen|zambia|zimbabwe|korea"
)
# Adjectives that name a country in news prose ("North Korean troops", "the Belarusian
# minister"); common ones only.
DEMONYMS = (
    "afghan|albanian|algerian|american|argentine|argentinian|armenian|australian|austrian|"
    "azerbaijani|belarusian|belgian|bosnian|brazilian|british|bulgarian|canadian|chilean|"
    "chinese|colombian|croatian|cuban|cypriot|czech|danish|dutch|egyptian|emirati|english|"
    "estonian|ethiopian|finnish|french|georgian|german|greek|hungarian|icelandic|indian|"
    "indonesian|iranian|iraqi|irish|israeli|italian|japanese|jordanian|kazakh|kenyan|korean|"
    "north korean|south korean|kuwaiti|kyrgyz|latvian|lebanese|libyan|lithuanian|malaysian|"
    "mexican|moldovan|mongolian|moroccan|nigerian|norwegian|pakistani|palestinian|polish|"
    "portuguese|qatari|romanian|russian|saudi|scottish|serbian|slovak|slovenian|somali|"
    "spanish|sudanese|swedish|swiss|syrian|taiwanese|tajik|thai|turkish|turkmen|ukrainian|"
    "uzbek|venezuelan|vietnamese|welsh|yemeni"
)
COUNTRY = re.compile(rf"(?<![\w-])(?:{COUNTRIES}|{DEMONYMS})(?![\w-])")


def countries_in(folded: str) -> set[str]:
    """The country names and adjectives in folded (lower-case) text."""
    return {m.group(0) for m in COUNTRY.finditer(folded)}
