"""Every Swedish string a user sees, in one place. Sections follow the app's parts."""

APP_TITLE = "Operation Kvinnofrid – uppföljning"
APP_SUBTITLE = "Handlingsplan 2024–2027 för att förebygga och bekämpa våld i Stockholms län"

# --- Domain vocabulary (also the values of the Excel return) --------------------------------------

VIOLENCE_TYPES = {
    "VNR": "Våld i nära relationer",
    "HRV": "Hedersrelaterat våld och förtryck",
    "PMH": "Prostitution och människohandel för sexuella ändamål",
    "SV": "Sexuellt våld oberoende av relation",
}
VIOLENCE_TYPE_SHORT = {"VNR": "Nära relationer", "HRV": "Heder", "PMH": "Prostitution/människohandel",
                       "SV": "Sexuellt våld"}
ALL_VIOLENCE_TYPES = "Alla våldstyper"
GROUPS = ["kvinnor", "män", "flickor", "pojkar", "barn", "vuxna", "ickebinära"]
ALL_GROUPS = "Alla"
COUNTY = "Stockholms län"
MEASURE_STATUSES = ["Ej påbörjad", "Pågående", "Genomförd", "Försenad", "Avbruten"]
FREQUENCIES = {"yearly": "Årligen", "plan_end": "Vid handlingsplanens slut"}
KINDS = {
    "count": "Antal",
    "share": "Andel (%)",
    "rate": "Per 100 000 invånare",
    "index": "Index/medelvärde",
    "milestone": "Milstolpe (Ja/Nej)",
    "descriptive": "Beskrivning",
}
DIRECTIONS = {1: "Högre är bättre", -1: "Lägre är bättre", 0: "Ingen riktning"}
DIRECTION_ARROWS = {1: "↑", -1: "↓", 0: "–"}
BREAKDOWNS = {"våldstyp": "Våldstyp", "område": "Område", "grupp": "Grupp", "kategori": "Kategori"}
AGENCY_KINDS = {
    "part": "Part i Operation Kvinnofrid",
    "myndighet": "Myndighet",
    "plattform": "Samverkansplattform",
    "funktion": "Funktion",
    "grupp": "Grupp av kommuner",
    "kommun": "Kommun",
}
YES = "Ja"
NO = "Nej"

# --- Provenance -------------------------------------------------------------------------------------

EXAMPLE_DATA = "Exempeldata"
EXAMPLE_BANNER = (
    "**Exempeldata.** Siffror markerade som exempeldata är påhittade för att visa hur verktyget fungerar. "
    "De är inte Operation Kvinnofrids resultat. Verkliga publicerade siffror visas med sin källa."
)
EXAMPLE_SOURCE = "Exempeldata (påhittade siffror för demonstration)"
REFERENCE_BATCH = "Publicerade uppgifter och befolkning (referensdata)"
SAMPLE_BATCH = "Exempeldata 2020–2025"
EXAMPLE_DESCRIPTIONS = {
    "Ej påbörjad": "Exempeldata: arbetet planeras till senare under perioden.",
    "Pågående": "Exempeldata: arbetet pågår enligt plan.",
    "Genomförd": "Exempeldata: åtgärden är genomförd och följs upp.",
    "Försenad": "Exempeldata: arbetet är försenat på grund av resursbrist.",
    "Avbruten": "Exempeldata: åtgärden har avbrutits efter beslut i styrgruppen.",
}

# --- Navigation and pages ------------------------------------------------------------------------

MENU = {
    "overview": "Översikt",
    "goals": "Mål och åtgärder",
}
MENU_HEADING = "Meny"
PAGE_TITLES = {
    "overview": "Översikt",
    "goals": "Mål och åtgärder",
}
DATABASE_EMPTY = (
    "Databasen saknar katalog. Kör `python -m okdata init --sample` för att skapa exempeldatabasen."
)
SAMPLE_CREATED = "Exempeldatabasen skapades (katalogen, publicerade uppgifter och exempeldata)."
FOOTER_SOURCE = "Källa för katalogen: Handlingsplan 2024–2027, Operation Kvinnofrid."

# Översikt
OVERVIEW_INTRO = (
    "Handlingsplanens {goals} regionala mål, {measures} åtgärder och {indicators} indikatorer. "
    "Välj år för att se rapporteringsläget."
)
YEAR = "År"
GOAL = "Mål"
GOAL_N = "Mål {n}"
MEASURES = "Åtgärder"
INDICATORS = "Indikatorer"
REPORTED = "Rapporterade"
EXPECTED = "Förväntade"
REPORTING_STATE = "Rapporteringsläge {year}"
REPORTING_STATE_HELP = (
    "Andelen årliga kvantitativa indikatorer som har minst ett värde för året, "
    "och antalet åtgärder med rapporterad status."
)
INDICATORS_REPORTED = "{reported} av {expected} årliga indikatorer har värden"
STATUSES_REPORTED = "{reported} av {expected} åtgärder har status"
NO_VALUES = "Inga värden"
OPEN_GOAL = "Öppna mål {n}"

# Mål
CHOOSE_GOAL = "Välj mål"
IN_PLACE = "För att nå dit behöver följande vara på plats"
DEVELOPMENT_AREAS = "Relevanta utvecklingsområden"
COL_CODE = "Åtgärd"
COL_MEASURE = "Åtgärd 2024–2027"
COL_AGENCIES = "Ansvarig"
COL_FOLLOW_UP = "Uppföljning/indikatorer"
COL_FREQUENCY = "Frekvens"
COL_STATUS = "Status {year}"
COL_INDICATOR_ID = "Indikator-id"
COL_INDICATOR = "Indikator"
COL_KIND = "Typ"
COL_UNIT = "Enhet"
COL_DIRECTION = "Riktning"
COL_BREAKDOWNS = "Uppdelning"
COL_LATEST = "Senaste värde"
COL_LATEST_YEAR = "År"
COL_SOURCE = "Källa"
GOAL_INDICATORS = "Regionala indikatorer för målet"
DEVELOPMENT_INDICATOR = "Utvecklas under handlingsplansperioden"
NOT_REPORTED = "Ej rapporterad"
COUNTY_COORDINATOR_NAME = "Länsstyrelsen Stockholm (regional uppföljning)"
EXAMPLE_DESCRIPTIVE = "Exempeldata: beskrivning av genomfört arbete under {year}."

# --- Command line ---------------------------------------------------------------------------------

CLI = {
    "help_init": "skapa eller uppgradera databasen och läs in katalogen",
    "help_sample": "lägg till exempeldata (tydligt märkta) och demokonton",
    "help_catalog": "skriv ut alla mål, åtgärder och indikatorer",
    "init_done": "Databasen är klar: handlingsplan {plan}, katalogrevision {revision} ({url}).",
    "init_published": "Publicerade regionala uppgifter inlästa: {n} värden.",
    "init_examples": "Exempeldata inlästa: {n} värden (märkta som exempeldata).",
}
PERCENTAGE_POINTS = "procentenheter"
UPLOADED_VALUE = "Inrapporterat värde"
GOAL_LEVEL = "Mål"
CREATING_DATABASE = "Skapar exempeldatabasen (första start)…"
