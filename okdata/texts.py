"""Every Swedish string a user sees, in one place. Sections follow the app's parts."""

from okdata.domain import (
    ChangeVerdict,
    Dimension,
    Frequency,
    Implementation,
    IndicatorKind,
    MeasureState,
    PopulationMethod,
    ReportingState,
    Role,
)

APP_TITLE = "Operation Kvinnofrid – uppföljning"
APP_SUBTITLE = "Handlingsplan {period} för att förebygga och bekämpa våld i Stockholms län"  # the chosen period

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
IMPLEMENTATION = {  # also the words of the return's Status list, in this order
    Implementation.NOT_STARTED: "Ej påbörjad",
    Implementation.ONGOING: "Pågående",
    Implementation.DONE: "Genomförd",
    Implementation.DELAYED: "Försenad",
    Implementation.CANCELLED: "Avbruten",
}
MEASURE_STATES = {  # a measure's combined state (domain.MeasureState); not words a return may use
    MeasureState.NOT_REPORTED: "Ej rapporterad", **{MeasureState(k): v for k, v in IMPLEMENTATION.items()}}
FREQUENCIES = {Frequency.YEARLY: "Årligen", Frequency.PLAN_END: "Vid handlingsplanens slut"}
NEGATIVE_WHAT = {IndicatorKind.COUNT: "Ett antal", IndicatorKind.RATE: "Ett tal per 100 000 invånare"}
KINDS = {
    IndicatorKind.COUNT: "Antal",
    IndicatorKind.SHARE: "Andel (%)",
    IndicatorKind.RATE: "Per 100 000 invånare",
    IndicatorKind.INDEX: "Index/medelvärde",
    IndicatorKind.MILESTONE: "Milstolpe (Ja/Nej)",
    IndicatorKind.DESCRIPTIVE: "Beskrivning",
}
DIRECTIONS = {1: "Högre är bättre", -1: "Lägre är bättre", 0: "Ingen riktning"}
BREAKDOWNS = {Dimension.VIOLENCE_TYPE: "Våldstyp", Dimension.AREA: "Område", Dimension.GROUP: "Grupp",
              Dimension.CATEGORY: "Kategori"}
# The words the catalog file and `python -m okdata catalog` use for the breakdowns.
DIMENSION_WORDS = {Dimension.VIOLENCE_TYPE: "våldstyp", Dimension.AREA: "område", Dimension.GROUP: "grupp",
                   Dimension.CATEGORY: "kategori"}
YES = "Ja"
NO = "Nej"

# --- Provenance -------------------------------------------------------------------------------------

EXAMPLE_DATA = "Exempeldata"
EXAMPLE_BANNER = (
    "**Exempeldata.** Siffror markerade som exempeldata är påhittade för att visa hur verktyget fungerar. "
    "De är inte Operation Kvinnofrids resultat. Verkliga publicerade siffror visas med sin källa."
)
EXAMPLE_SOURCE = "Exempeldata (påhittade siffror för demonstration)"
# At the foot of every page and slide of a report that holds example data; a slide of real published figures
# has it too, so it says which figures are made up
EXAMPLE_FOOTER = "Innehåller exempeldata: siffror märkta Exempeldata är påhittade, inte Operation Kvinnofrids resultat"
REFERENCE_BATCH = "Publicerade uppgifter och befolkning (referensdata)"
SAMPLE_BATCH = "Exempeldata 2020–2025"
SAMPLE_STORY = {  # sample_story.py: the example year's returns, reviews and meeting
    "file": "Exempeldata inrapportering",
    "comment": "Exempeldata: exemplets inrapportering",
    "returned": "Exempeldata: flera värden för 2025 saknas och statusen för en åtgärd behöver en beskrivning. "
                "Komplettera och ladda upp igen.",
    "reopen": "Exempeldata: året är öppet så att demokontona kan rapportera.",
    "meeting": {
        0: ("Exempeldata: genomgång av rapporteringsläget inför sista dag.",
            "Exempeldata: samordnaren påminner de myndigheter som inte har rapporterat."),
        2: ("Exempeldata: återfallsförebyggande insatser är försenade i flera kommuner.",
            "Exempeldata: Kriminalvården och kommunerna redovisar en plan vid nästa möte."),
        4: ("Exempeldata: stödlinjerna har färre stödsökande än väntat.",
            "Exempeldata: Länsstyrelsen tar fram en kommunikationsinsats."),
    },
}
EXAMPLE_DESCRIPTIONS = {
    Implementation.NOT_STARTED: "Exempeldata: arbetet planeras till senare under perioden.",
    Implementation.ONGOING: "Exempeldata: arbetet pågår enligt plan.",
    Implementation.DONE: "Exempeldata: åtgärden är genomförd och följs upp.",
    Implementation.DELAYED: "Exempeldata: arbetet är försenat på grund av resursbrist.",
    Implementation.CANCELLED: "Exempeldata: åtgärden har avbrutits efter beslut i styrgruppen.",
}

# --- Navigation and pages ------------------------------------------------------------------------

MENU = {
    "overview": "Översikt",
    "goals": "Mål och åtgärder",
    "agencies": "Myndigheter",
    "reporting": "Rapporteringsläge",
    "violence": "Våldstyper",
    "municipalities": "Kommuner",
    "indicator": "Indikator",
    "report": "Rapportera",
    "history": "Historik",
    "review": "Granska",
    "meeting": "Mötesläge",
    "lagesrapport": "Lägesrapport",
    "catalog": "Katalog och år",
    "audit": "Logg",
    "users": "Användare",
}
PAGE_TITLES = {
    "overview": "Översikt",
    "goals": "Mål och åtgärder",
    "agencies": "Myndigheter och rapportering",
    "reporting": "Vilka har rapporterat?",
    "violence": "Våldstyper",
    "municipalities": "Kommuner",
    "indicator": "Indikator",
    "report": "Rapportera siffror",
    "history": "Historik och ångra",
    "review": "Granska inrapporteringar",
    "meeting": "Mötesläge",
    "lagesrapport": "Regional lägesrapport",
    "catalog": "Katalog och rapporteringsår",
    "audit": "Ändringslogg",
    "users": "Användare och roller",
}
DATABASE_EMPTY = (
    "Databasen saknar katalog. Kör `python -m okdata init --sample` för att skapa exempeldatabasen."
)
STORAGE = {  # the database cannot be written at all (okdata.db.storage_problem); reading still works
    "read_only": ("Databasen är skrivskyddad just nu, så ingenting kan sparas – det du försökte spara är inte "
                  "sparat. Att läsa siffrorna fungerar som vanligt. Kontakta den som driver verktyget. "),
    "full": ("Databasens lagringsutrymme är fullt, så ingenting kan sparas – det du försökte spara är inte "
             "sparat. Att läsa siffrorna fungerar som vanligt. Kontakta den som driver verktyget. "),
}
PAGE_ERROR = ("Något gick fel när sidan skulle visas. {reason}Försök igen om en stund, och kontakta Länsstyrelsens "
              "samordnare om felet består (referens {ref}).")
DATABASE_BUSY = ("Databasen är upptagen av andra som sparar just nu, och väntetiden tog slut. Ingenting sparades – "
                 "försök igen om en stund.")

# Översikt
OVERVIEW_INTRO = "Handlingsplanens {contents}. Välj år för att se rapporteringsläget."
# formatting.fmt_contents: singular and plural of what a plan holds ("1 regionalt mål", "8 regionala mål")
REGIONAL_GOALS = ("regionalt mål", "regionala mål")
GOALS_WORDS = ("mål", "mål")
MEASURES_WORDS = ("åtgärd", "åtgärder")
INDICATORS_WORDS = ("indikator", "indikatorer")
YEAR = "År"
GOAL = "Mål"
GOAL_N = "Mål {n}"
MEASURES = "Åtgärder"
INDICATORS = "Indikatorer"
REPORTING_STATE = "Rapporteringsläge {year}"
REPORTING_STATE_HELP = (
    "Andelen årliga kvantitativa indikatorer som har minst ett värde för året, "
    "och antalet åtgärder med rapporterad status."
)
INDICATORS_REPORTED = "{reported} av {expected} årliga indikatorer har värden"
STATUSES_REPORTED = "{reported} av {expected} åtgärder har status"
NO_VALUES = "Inga värden"
OPEN_GOAL = "Öppna mål {n}"
GOALS_HEADING = "Målen {year}"
TABLE_EMPTY = "Tabellen är tom."
MISSING = "–"
CHOOSE_ONE = "Välj ett alternativ"  # a list's placeholder (Streamlit's own is English)
URL_NOT_OFFERED = "Länken bad om ”{wanted}”, som inte finns att välja under {label} här; sidan visar {shown}."
CHOOSE_MANY = "Välj ett eller flera"
# Plotly's own words (its toolbar and messages) in Swedish, handed to every chart with its configuration: Plotly's
# bundled locales are not loaded by Streamlit, so the locale travels with the chart (config "locales").
PLOTLY_SV = {
    "dictionary": {
        "Autoscale": "Anpassa skalan", "Box Select": "Markera med rektangel", "Lasso Select": "Markera med lasso",
        "Compare data on hover": "Jämför värdena under pekaren", "Download plot": "Ladda ned diagrammet",
        "Download plot as a png": "Ladda ned diagrammet som png",
        "Download plot as a PNG": "Ladda ned diagrammet som png",
        "Double-click on legend to isolate one trace": "Dubbelklicka på förklaringen för att visa bara en serie",
        "Double-click to zoom back out": "Dubbelklicka för att zooma ut igen", "Pan": "Panorera",
        "Produced with Plotly": "Gjord med Plotly", "Reset": "Återställ", "Reset axes": "Återställ axlarna",
        "Reset view": "Återställ vyn", "Show closest data on hover": "Visa närmaste värde under pekaren",
        "Snapshot succeeded": "Bilden är klar",
        "Sorry, there was a problem downloading your snapshot!": "Bilden kunde inte laddas ned.",
        "Taking snapshot - this may take a few seconds": "Bilden skapas – det kan ta några sekunder",
        "Toggle Spike Lines": "Visa eller dölj hjälplinjer", "Zoom": "Zooma", "Zoom in": "Zooma in",
        "Zoom out": "Zooma ut", "trace": "serie",
    },
    "format": {
        "decimal": ",", "thousands": "\u00a0",
        "days": ["söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"],
        "shortDays": ["sön", "mån", "tis", "ons", "tors", "fre", "lör"],
        "months": ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
                   "oktober", "november", "december"],
        "shortMonths": ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
        "date": "%Y-%m-%d",
    },
}

# Indikator (one indicator's page)
INDICATOR_VIEW = {
    "intro": "En indikator i detalj: status, diagram och siffror, och vad katalogen säger om den.",
    "pick": "Indikator",
    "status": "Status",
    "about": "Om indikatorn",
    "field": "Uppgift",
    "text": "Innehåll",
    "open": "Öppna indikatorn",
    "open_n": "Öppna indikator {code}",
    "link_column": "Sida",
    "not_in_year": ("Indikator {code} finns inte att välja för {year}: den ingår inte i katalogen för det året, eller "
                    "har inga värden att visa här. Välj ett annat år eller en annan indikator."),
}
INDICATOR_META = {
    "goal": "Mål", "measure": "Åtgärd", "agencies": "Ansvariga", "kind": "Typ", "unit": "Enhet",
    "per_capita": "Per 100 000 invånare",
    "per_capita_yes": "Kan visas per 100 000 invånare (räknar människor eller händelser i befolkningen)",
    "per_capita_no": "Nej",
    "per_capita_rate": "Värdena är redan per 100 000 invånare",
    "direction": "Riktning", "frequency": "Frekvens", "breakdowns": "Uppdelningar",
    "target": "Målvärde", "target_value": "{value} år {year}", "breaks": "Seriebrott", "source": "Källa",
    "returns": "Inrapporteras av {agencies}", "revision": "Katalog",
    "revision_text": "{plan}, revision {revision}", "development": "Utvecklingsindikator", "none": "–",
    "goal_level": "Regional indikator på målnivå (ingen åtgärd)",
}

# Mål
CHOOSE_GOAL = "Välj mål"
GOAL_NOT_IN_YEAR = ("Mål {goal} finns inte i katalogen för {year}. Välj ett annat år eller ett annat mål.")
IN_PLACE = "För att nå dit behöver följande vara på plats"
DEVELOPMENT_AREAS = "Relevanta utvecklingsområden"
COL_CODE = "Åtgärd"
COL_MEASURE = "Åtgärd {period}"  # the plan period shown, e.g. 2024–2027
COL_AGENCIES = "Ansvarig"
COL_FREQUENCY = "Frekvens"
COL_INDICATOR_ID = "Indikator-id"
COL_INDICATOR = "Indikator"
COL_KIND = "Typ"
COL_DIRECTION = "Riktning"
COL_BREAKDOWNS = "Uppdelning"
COL_LATEST = "Senaste värde"
COL_LATEST_YEAR = "År"
COL_SOURCE = "Källa"
DEVELOPMENT_INDICATOR = "Utvecklas under handlingsplansperioden"
NOT_REPORTED = MEASURE_STATES[MeasureState.NOT_REPORTED]
COUNTY_COORDINATOR_NAME = "Länsstyrelsen Stockholm (regional uppföljning)"
EXAMPLE_DESCRIPTIVE = "Exempeldata: beskrivning av genomfört arbete under {year}."

# --- Command line ---------------------------------------------------------------------------------

# argparse's own messages (usage errors, help), which it passes through gettext: the contract says every message
# of the command line is Swedish (exit code 2 for a usage error)
ARGPARSE = {
    "usage: ": "användning: ",
    "positional arguments": "argument",
    "options": "flaggor",
    "show this help message and exit": "visa den här hjälpen och avsluta",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fel: %(message)s\n",
    "the following arguments are required: %s": "följande krävs: %s",
    "invalid %(type)s value: %(value)r": "ogiltigt värde %(value)r (ska vara %(type)s)",
    "invalid choice: %(value)r (choose from %(choices)s)": "ogiltigt val %(value)r (välj bland %(choices)s)",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "unrecognized arguments: %s": "okända argument: %s",
    "expected one argument": "ett värde behövs",
    "expected at most one argument": "högst ett värde",
    "expected at least one argument": "minst ett värde behövs",
    "expected %s argument": "%s värde behövs",
    "expected %s arguments": "%s värden behövs",
    "not allowed with argument %s": "går inte tillsammans med %s",
    "one of the arguments %s is required": "ett av %s krävs",
    "ambiguous option: %(option)s could match %(matches)s": "flaggan %(option)s kan vara %(matches)s",
    "ignored explicit argument %r": "värdet %r hör inte till flaggan",
    "can't open '%(filename)s': %(error)s": "kan inte öppna '%(filename)s': %(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "okänt kommando %(parser_name)r (välj bland %(choices)s)",
}
ARGPARSE_TYPES = {"int": "ett heltal"}  # the type a value should have, as "invalid %(type)s value" names it
# the placeholder a command's help shows for a value, by the option's name (argparse would show its name in capitals)
CLI_PLACEHOLDERS = {
    "year": "ÅR", "out": "FIL", "file": "FIL", "user": "ANVÄNDARNAMN", "agency": "MYNDIGHET", "batch": "NUMMER",
    "username": "ANVÄNDARNAMN", "reason": "SKÄL", "plan": "PLANPERIOD", "period": "PLANPERIOD", "name": "NAMN",
    "from_year": "ÅR", "from_plan": "PLANPERIOD", "carry": "FIL", "date": "DATUM",
}

CLI = {
    "help_init": "skapa eller uppgradera databasen och läs in katalogen",
    "help_sample": "lägg till exempeldata (tydligt märkta) och demokonton",
    "help_sample_if_new": "lägg till exempeldata bara om databasen är ny (så gör bash run.sh app)",
    "help_catalog": "skriv ut katalogen (csv, json, toml, xlsx) eller läs in en reviderad katalogfil (import FIL)",
    "help_catalog_import": "import: läs in en reviderad katalog (TOML eller Excel) som ny revision",
    "help_file": "filen",
    "help_out": "skriv filen hit",
    "help_plan": "planperioden, t.ex. 2024-2027 (standard: den gällande)",
    "help_from_year": "första rapporteringsåret revisionen gäller för (standard: planperiodens första)",
    "help_reference": "läs in publicerade siffror med källa (import FIL.csv)",
    "help_population": "läs in befolkning ur SCB:s export av tabell BE0101N1 (import FIL)",
    "help_plan_new": "starta nästa planperiod (new --from 2024-2027 --period 2028-2031 --carry FIL)",
    "help_carry": "TOML-fil med goals, measures och indicators som förs över",
    "need_file": "Ange filen som ska läsas in.",
    "need_out": "Ange --out FIL för en Excelfil.",
    "cannot_write": "Filen {path} kan inte skrivas: {why}. Ingenting skrevs.",
    "cannot_write_other": "kontrollera sökvägen och behörigheten",
    "report_outside_plan": "År {year} ligger utanför handlingsplanens period {start}–{end}; det finns ingen "
                           "lägesrapport för det året.",
    "status_no_year": "År {year} har inga värden och ligger utanför handlingsplanens period {start}–{end}; det finns "
                      "ingen status att räkna.",
    "status_after_plan": ("År {year} har värden men ligger efter handlingsplanens period {start}–{end}; ingen plan "
                          "följer upp det ännu, så det finns ingen status att räkna."),
    "status_base_year": "År {year} ligger utanför handlingsplanens period {start}–{end}, och ingen rapporterar för "
                        "det: åtgärderna följs upp från {start}, och ett basår före planen har bara sina värden "
                        "(sidan Indikator visar dem). Välj ett år {start}–{end}.",
    "no_file": "Filen {path} finns inte eller går inte att läsa.",
    "written": "Skrev {path}",
    "reference_rows": "{figures_read}.",
    "population_rows": "{n} område och år lästa ({years}); {regions} utanför länet lämnade utanför.",
    "init_done": "Databasen är klar: handlingsplan {plan}, katalogrevision {revision} ({url}).",
    "init_catalog_file_changed": ("Obs: katalogfilen skiljer sig från den katalogen skapades från. Katalogen i "
                                  "databasen ändras bara som revisioner från ett år, så filen lades inte över den. "
                                  "Läs in den med python -m okdata catalog import FIL --from-year ÅR --user NAMN "
                                  "(prova först med --dry-run) om ändringarna ska gälla."),
    "init_published": "Publicerade regionala uppgifter inlästa: {n} värden.",
    "init_examples": "Exempeldata inlästa: {n} värden (märkta som exempeldata).",
    "help_template": "skriv en myndighets inrapporteringsmall för ett år",
    "help_import": "kontrollera en ifylld inrapportering och spara den",
    "help_dry_run": "kontrollera och visa ändringarna utan att spara",
    "help_export": "exportera de gällande värdena med ursprung (med --all-versions alla sparade versioner)",
    "help_all_versions": "alla sparade versioner: också äldre, ersatta, återsända och ångrade, med kolumnen "
                         "Visas i vyerna",
    "help_batches": "lista alla inrapporteringar",
    "help_read_user": "visa bara det som användaren NAMN får läsa (utan: allt, som serveroperatör)",
    "help_rollback": "ångra en inrapportering exakt",
    "help_examples": "skriv exempelfiler för inrapportering (en felfri per myndighet och en med typiska fel)",
    "examples_written": "{n} exempelfiler skrivna till {out}.",
    "help_import_year": "året inrapporteringen gäller (standard: året i mallens flik Om filen)",
    "help_year": "rapporteringsår: list, open ÅR --deadline DATUM, reopen ÅR --until DATUM --reason SKÄL",
    "help_year_date": "sista dag (open) eller dag året är öppet till och med (reopen), ÅÅÅÅ-MM-DD",
    "help_year_reason": "varför året öppnas igen (loggas)",
    "year_usage": "Ange år och datum: year open 2025 --deadline 2026-03-31, eller year reopen 2025 --until "
                  "2026-06-30 --reason SKÄL.",
    "bad_date": "{value} är inte ett datum; skriv ÅÅÅÅ-MM-DD.",
    "unknown_agency": "Okänd myndighet: {name}. Ange namn, kortnamn eller kommunkod, t.ex. Polismyndigheten.",
    "template_written": "Mallen för {agency} {year} är skriven till {out} "
                        "({rows}, {measures}).",
    "problems": "{errors} fel och {warnings} i {file}:",
    "problem_line": "{severity}: {sheet} rad {row} kolumn {column} [{code}] {message}",
    "nothing_saved": "Ingenting sparades.",
    "dry_run_ok": "Kontrollen är klar (ingenting sparades eftersom --dry-run angavs).",
    "changes": "Nya: {new}  Ändrade: {changed}  Oförändrade: {unchanged}  Statusar: {statuses}",
    "changed_line": "  ändrat {indicator} {year} {breakdown}: {old} → {new}",
    "saved": "Sparat som inrapportering {batch}.",
    "export_written": "{values_exported} till {out}.",
    "file_missing": "Filen finns inte: {path}",
    "help_review": "godkänn en inskickad inrapportering, eller återsänd den med --return SKÄL",
    "help_return": "återsänd till rapportören med detta skäl",
    "help_user": "hantera lokala användarkonton: add, list, disable, password (nytt lösenord), agency (ny myndighet)",
    "help_password_stdin": "läs lösenordet från standard in (för skript)",
    "help_no_password": "inget lösenord (kontot loggar in via organisationens inloggning, OIDC)",
    "password_prompt": "Lösenord (minst 12 tecken): ",
    "password_again": "Samma lösenord igen: ",
    "user_missing_name": "Ange användarnamn.",
    "user_added": "Användaren {username} är skapad med rollen {role}.",
    "user_disabled": "Användaren {username} är avstängd.",
    "user_password": "Användaren {username} har ett nytt lösenord; kontots inloggningar har avslutats.",
    "user_agency": "Användaren {username} hör nu till {agency}; kontots inloggningar har avslutats.",
    "user_agency_missing": "Ange den nya myndigheten med --agency.",
    "user_no_password_add_only": ("--no-password gäller bara add; ett nytt lösenord läses med --password-stdin "
                                  "eller frågas efter."),
    "help_report": "skapa lägesrapporten för ett år (pptx, pdf, docx eller xlsx)",
    "help_backup": "gör en konsistent kopia av databasen (SQLite; för PostgreSQL visas pg_dump-kommandot)",
    "help_restore": "återställ SQLite-databasen från en kopia (stoppa appen först)",
    "backup_done": "Säkerhetskopian är skriven till {out} ({size} kB, {pages} sidor).",
    "backup_exists": "{out} finns redan; välj ett nytt filnamn.",
    "backup_no_folder": "Katalogen {folder} finns inte; skapa den eller välj en annan plats för kopian.",
    "backup_no_database": ("Databasfilen {path} finns inte, så det finns inget att säkerhetskopiera. "
                           "Kontrollera OKDATA_DATABASE_URL."),
    "backup_pg": ("Databasen är PostgreSQL: ta säkerhetskopian med pg_dump, t.ex.\n"
                  "  pg_dump --format=custom {conn} --file={out} {db}\n"
                  "och återställ med\n"
                  "  pg_restore --clean --if-exists {conn} --dbname={db} {out}"),
    "restore_pg": "Databasen är PostgreSQL: återställ med pg_restore (se docs/drift.md).",
    "restore_done": ("Databasen är återställd från {src} (schemaversion {from_revision}, nu {revision}). "
                     "Den ersatta databasfilen finns kvar som {kept}."),
    "restore_refused": "{src} kan inte återställas: {reason}. Ingenting har ändrats.",
    "busy": DATABASE_BUSY,
    "not_set_up": ("Databasen {url} är inte satt upp: den finns inte, eller har ingen katalog. Kör `python -m okdata "
                   "init` först (eller starta appen med README:s startkommando); ingenting är skrivet."),
    "not_upgraded": ("Databasen {url} har uppbyggnaden {found}, men den här versionen av okdata behöver {head}. En "
                     "äldre databas uppgraderas med `python -m okdata init`, som behåller allt i den; ingenting är "
                     "skrivet."),
    "newer_schema": ("Databasen {url} har uppbyggnaden {found}, som en nyare version av okdata har gjort; den här "
                     "versionen behöver {head} och kan inte läsa den. Använd den nyare versionen av okdata; "
                     "ingenting är skrivet."),
    "not_a_database": "{url} går inte att läsa som en databas ({reason}); ingenting är skrivet.",
    "unreachable": "Databasen {url} går inte att nå ({reason}); ingenting är skrivet.",
    "report_written": "Lägesrapporten {year} är skriven till {out} ({size} kB, {seconds} s).",
    "help_status": "skriv ut status för varje serie, åtgärd och mål ett år, med siffrorna bakom",
}
PERCENTAGE_POINTS = "procentenheter"
PERCENTAGE_POINT = "procentenhet"  # singular: +1 procentenhet
SENTENCE = {  # report.sentence: a drafted sentence about an indicator's last change
    "subjects": {"share": ("Andelen", "common"), "count": ("Antalet", "neuter"),
                 "rate": ("Antalet per 100\u00a0000 invånare", "neuter"), "index": ("Värdet", "neuter")},
    "unchanged": {"common": "oförändrad", "neuter": "oförändrat"},
    # "år" between a value and its year: "8 137 år 2025", never "8 137 2025"
    "one": "{subject} var {now} år {year}.",
    "same": "{subject} var {unchanged}, {now} både år {before_year} och år {year}.",
    "up": "{subject} ökade från {before} år {before_year} till {now} år {year} ({change}).",
    "down": "{subject} minskade från {before} år {before_year} till {now} år {year} ({change}).",
    "tiny": "mindre än 0,1\u00a0%",  # a relative change that rounds to 0,0 %
}
AND = " och "  # the last joint of a list: "a, b och c"
UPLOADED_VALUE = "Inrapporterat värde"
NOT_APPROVED = "inskickad, ej godkänd"  # a value a Samordnare sees with "Visa även inskickade", beside its source
GOAL_LEVEL = "Mål"
CREATING_DATABASE = "Skapar exempeldatabasen (första start)…"

# --- Excel returns: templates, checks, preview, history ---------------------------------------------

SHEET_INSTRUCTIONS = "Instruktioner"
SHEET_INDICATORS = "Indikatorer"
SHEET_MEASURES = "Åtgärder"
SHEET_ABOUT = "Om filen"
SHEET_LISTS = "Listor"
COLUMNS_INDICATORS = {  # key -> header, in template order
    "id": "Indikator-id", "name": "Indikator", "unit": "Enhet", "year": "År", "violence_type": "Våldstyp",
    "area": "Område", "group": "Grupp", "category": "Kategori", "previous": "Förra årets värde",
    "value": "Värde", "numerator": "Täljare", "denominator": "Nämnare", "comment": "Kommentar",
}
COLUMNS_MEASURES = {"code": "Åtgärd", "text": "Åtgärdens text", "year": "År", "previous": "Förra årets status",
                    "status": "Status", "description": "Beskrivning"}
ALL_TYPES_CELL = "Alla"
TEMPLATE_FILE_NAME = "Inrapportering {agency} {year}.xlsx"
TEMPLATE_TITLE = "Inrapportering {year} – {agency}"
TEMPLATE_SUBTITLE = "Handlingsplan {period}, Operation Kvinnofrid. Fyll i de gula cellerna."
TEMPLATE_MEASURES_TITLE = "Status för åtgärderna {year} – {agency}"
TEMPLATE_INSTRUCTIONS = [
    "Så fyller du i filen",
    "1. Fliken Indikatorer har en rad per värde som {agency} förväntas rapportera för {year}.",
    "2. Skriv värdet i kolumnen Värde (gula celler). Lämna cellen tom om värdet inte är känt – "
    "tomma rader sparas inte.",
    "3. Antal skrivs som heltal (1234 eller 1 234). Andelar skrivs i procent: 19 eller 19 % (inte 0,19).",
    "4. För andelar kan du i stället fylla i Täljare och Nämnare; andelen räknas då ut.",
    "5. Milstolpar besvaras med Ja eller Nej. Beskrivande indikatorer besvaras med text.",
    "6. Kolumnen Förra årets värde visar det som finns sparat för {previous}, som jämförelse.",
    "7. Ett värde som skiljer sig mycket från förra året behöver en förklaring i kolumnen Kommentar.",
    "8. Fliken Åtgärder: välj status för varje åtgärd och beskriv kort vad som gjorts.",
    "9. Ändra inte Indikator-id, År eller uppdelningarna. Spara som .xlsx och ladda upp filen under Rapportera.",
    "Vid uppladdning kontrolleras hela filen. Alla fel visas på en gång med flik, rad och kolumn, och ingenting "
    "sparas förrän filen är felfri och du har bekräftat.",
]
ABOUT_KEYS = {"agency_code": "Myndighetskod", "agency": "Myndighet", "year": "År", "version": "Mallversion",
              "created": "Skapad"}
VALIDATION_LIST_TITLE = "Välj i listan"
VALIDATION_LIST_ERROR = "Välj ett värde ur listan."
VALIDATION_STATUS_ERROR = "Välj en status ur listan: Ej påbörjad, Pågående, Genomförd, Försenad eller Avbruten."

SEVERITY = {"error": "Fel", "warning": "Varning"}
PROBLEM_COLUMNS = {"sheet": "Flik", "row": "Rad", "column": "Kolumn", "code": "Kod", "severity": "Typ",
                   "message": "Vad är fel och hur rättar jag det?", "said": "Meddelande vid uppladdningen"}
FILE_LEVEL = "(filen)"
# A long cell quoted in a problem's message: its start and its length (a cell holds up to 32 767 characters).
TYPED_TOO_LONG = "Texten är {n} tecken lång; en text här får ha högst {limit} tecken. Korta den; ingenting sparades."
QUOTED_CUT = "{start}… ({n} tecken)"

PROBLEMS_WHOLE = "Varje meddelande i sin helhet"
PROBLEMS_WHOLE_FIRST = "De första {n} av {total}; tabellen ovan har alla."
PROBLEM_WHOLE = "{severity} · {sheet} · rad {row} · kolumn {column} · {code}: {message}"

# The closed list of problem codes. Each message says what is wrong and how to fix it.
# Two sheets whose names look alike once å, ä, ö are composed: where each stands, and why they look alike.
SHEET_AT = "{name} på flik {n}"
SHEETS_ALIKE = "{sheets}: namnen ser likadana ut men är skrivna med olika tecken, t.ex. å som a och en ring"
PROBLEMS = {
    # The file itself
    "FIL_FOR_STOR": "Filen är för stor ({size} MB). Största tillåtna storlek är {limit} MB.",
    "FIL_TOM": "Filen är tom.",
    "INGET_IFYLLT": "Filen har inga ifyllda värden och inga statusar. Fyll i kolumnen Värde i fliken Indikatorer "
                    "eller kolumnen Status i fliken Åtgärder och ladda upp igen.",
    "FIL_FORMAT": "Filen är inte en Excel- eller OpenDocument-fil (den ser ut att vara {what}). "
                  "Spara den som .xlsx i Excel eller LibreOffice och ladda upp igen.",
    "FIL_MAKRO": "Filen innehåller makron (VBA). Spara den som vanlig arbetsbok (.xlsx) utan makron.",
    "FIL_KRYPTERAD": "Filen är lösenordsskyddad eller krypterad. Ta bort lösenordet och spara igen.",
    "FIL_SKADAD": "Filen går inte att läsa ({detail}). Öppna den i Excel eller LibreOffice och spara den igen.",
    "FIL_UPPBLASES": "Filen packas upp till mer än {limit} MB och läses inte av säkerhetsskäl. "
                     "Ta bort onödiga flikar och spara igen.",
    "FIL_FOR_MANGA_RADER": "Fliken {tab} sträcker sig ned till rad {rows}, men filen får ha högst {limit} "
                           "rader. Ta bort tomma eller överflödiga rader under tabellen (markera dem, "
                           "högerklicka och välj Ta bort) och spara igen.",
    "FIL_FOR_MANGA_KOLUMNER": "Fliken {tab} sträcker sig ut till kolumn nummer {columns}, men filen får ha "
                              "högst {limit} kolumner. Ta bort kolumnerna till höger om tabellen och spara igen.",
    "FIL_FOR_KRAVANDE": "Filen kunde inte läsas inom gränserna för minne ({limit} MB) och tid ({seconds} s). Den "
                        "har troligen innehåll långt utanför tabellen. Hämta en ny mall, klistra in värdena och "
                        "spara igen.",
    "EJ_BEHORIG": "Du får inte spara den här filen: {reason}",
    # Sheets and columns
    "FLIK_SAKNAS": "Filen saknar både fliken Indikatorer och fliken Åtgärder. Använd mallen från sidan Rapportera.",
    "FLIK_IGNORERAD": "Fliken {name} läses inte (bara Indikatorer och Åtgärder läses).",
    "FLIK_DUBBEL": "Filen har flera flikar som heter {name} ({names}). Flytta raderna till en av dem och ta bort "
                   "den andra.",
    "RUBRIK_SAKNAS": "Hittar ingen rubrikrad med {required} bland de första 20 raderna. "
                     "Behåll mallens rubrikrad.",
    "KOLUMN_SAKNAS": "Kolumnen {column} saknas i rubrikraden. Behåll mallens kolumner.",
    "KOLUMN_OKAND": "Kolumnen {column} innehåller {example}, som hör till kolumnen {missing}, men filen har ingen "
                    "kolumn med rubriken {missing}. Raderna skulle då sparas utan den uppdelningen. "
                    "Skriv rubriken {missing} över kolumnen och ladda upp igen.",
    "KOLUMN_DUBBEL": "Kolumnen {column} finns två gånger i rubrikraden. Ta bort den ena.",
    # Who reports
    "MYNDIGHET_SAKNAS": "Det framgår inte vilken myndighet filen gäller. Använd mallen för din myndighet "
                        "(fliken Om filen) eller ange myndighet vid uppladdningen.",
    "MYNDIGHET_OKAND": "Myndigheten {name} finns inte i katalogen.",
    "MYNDIGHET_OLIKA": "Filen är en mall för {file_agency} men laddas upp för {agency}. "
                       "Hämta mallen för {agency} eller välj rätt myndighet.",
    "MYNDIGHET_OKAND_I_FILEN": "Fliken Om filen anger myndighetskoden {value}, som inte finns i katalogen. "
                               "Hämta mallen för din myndighet på sidan Rapportera.",
    # The year of a return
    "AR_FIL_OLIKA": "Filen är en mall för {file_year} men laddas upp för {year}. Hämta mallen för {year}, "
                    "eller välj {file_year} vid uppladdningen.",
    "AR_ANNAT_AN_FILEN": "Raden gäller {value} men inrapporteringen gäller {year}. En inrapportering gäller ett "
                         "år: rapportera värden för {value} i en egen fil (mallen för {value}).",
    "AR_EJ_OPPNAT": "Rapporteringsåret {year} är inte öppnat för inrapportering. Samordnaren på Länsstyrelsen "
                    "öppnar år under Katalog och år.",
    "AR_LAST": "Rapporteringsåret {year} är låst ({why}). Ingenting kan sparas för {year} utan att samordnaren "
               "på Länsstyrelsen öppnar året igen; kontakta samordnaren om något behöver rättas.",
    "AR_LAST_SAMORDNARE": "Rapporteringsåret {year} är låst ({why}). Som Samordnare kan du spara ändå; det loggas "
                          "att året var låst.",
    # Cells
    "ID_SAKNAS": "Indikator-id saknas. Fyll i id:t från mallen, t.ex. 2.4a.",
    "ID_OKANT": "Indikator-id {value} finns inte i handlingsplanen. Kontrollera id:t mot mallen.",
    "ID_PENSIONERAD": "Indikator {value} används inte längre i handlingsplanen och tar inte emot nya värden.",
    "ID_SENARE": "Indikator {value} gäller först från {year} och tar inte emot värden för tidigare år. Ta bort raden "
                 "eller rapportera värdet för {year} eller senare.",
    "ID_UTANFOR_ANSVAR": "{agency} ansvarar inte för indikator {value}. Ta bort raden, eller be den ansvariga "
                         "myndigheten rapportera den.",
    "ATGARD_SAKNAS": "Åtgärd saknas. Fyll i åtgärdens nummer, t.ex. 2.4.",
    "ATGARD_OKAND": "Åtgärd {value} finns inte i handlingsplanen.",
    "ATGARD_PENSIONERAD": "Åtgärd {value} används inte längre i handlingsplanen och tar inte emot status.",
    "ATGARD_SENARE": "Åtgärd {value} gäller först från {year} och tar inte emot status för tidigare år. Ta bort "
                     "raden eller rapportera statusen för {year} eller senare.",
    "ATGARD_TVETYDIG": "Åtgärden står som talet {value}, som kan vara både åtgärd {short} och {long} (Excel gör "
                       "”{long}” till talet {short}). Skriv koden som text, med en apostrof först: '{long} eller "
                       "'{short}.",
    "ATGARD_UTANFOR_ANSVAR": "{agency} ansvarar inte för åtgärd {value}. Ta bort raden.",
    "AR_SAKNAS": "År saknas. Skriv rapporteringsåret med fyra siffror, t.ex. {example}.",
    "AR_OGILTIGT": "{value} är inte ett år. Skriv året med fyra siffror, t.ex. {example}.",
    "AR_UTANFOR_PLAN": "År {value} ligger utanför handlingsplanens period {start}–{end}.",
    "AR_FRAMTID": "År {value} har inte börjat ännu. Det går att rapportera till och med {current}.",
    "VALDSTYP_OKAND": "Okänd våldstyp {value}. Välj en av: {allowed}, eller lämna tomt för alla.",
    "VALDSTYP_EJ_TILLATEN": "Indikator {indicator} delas inte upp på våldstyp. Lämna Våldstyp tom.",
    "OMRADE_OKANT": "Okänt område {value}. Skriv en kommun i länet (namn eller kommunkod, t.ex. 0127) "
                    "eller lämna tomt för Stockholms län.",
    "OMRADE_EJ_TILLATET": "Indikator {indicator} delas inte upp på område. Lämna Område tomt.",
    "OMRADE_ANNAN_KOMMUN": "{agency} rapporterar bara för sitt eget område, inte för {value}.",
    "GRUPP_OKAND": "Okänd grupp {value}. Välj en av: {allowed}, eller lämna tomt för alla.",
    "GRUPP_EJ_TILLATEN": "Indikator {indicator} delas inte upp på grupp. Lämna Grupp tom.",
    "KATEGORI_OKAND": "Okänd kategori {value} för indikator {indicator}. Välj en av: {allowed}.",
    "KATEGORI_EJ_TILLATEN": "Indikator {indicator} delas inte upp på kategori. Lämna Kategori tom.",
    "VARDE_INTE_TAL": "{value} är inte ett tal. Skriv ett tal, t.ex. 1234 eller 12,5.",
    "PROCENT_EJ_ANDEL": "Värdet {value} har ett procenttecken, men indikatorn är inte en andel ({kind}). Skriv "
                        "talet utan procenttecken.",
    "VARDE_NEGATIVT": "Värdet {value} är negativt. {what} kan inte vara mindre än 0.",
    "VARDE_INTE_HELTAL": "Värdet {value} är inte ett heltal. Ett antal skrivs utan decimaler.",
    "VARDE_TVETYDIGT": "Värdet {value} kan läsas både som {whole}, med punkten eller kommat som skiljetecken för "
                       "tusental, och som ett tal med decimaler. Skriv ett antal utan punkt och komma, t.ex. {whole}.",
    "ANDEL_UTANFOR": "Andelen {value} ligger utanför 0–100 %. Skriv andelen i procent, t.ex. 19.",
    "TALJARE_STORRE": "Täljaren {numerator} är större än nämnaren {denominator}.",
    "TALJARE_OSTAMMIG": "Värdet {value} stämmer inte med täljare/nämnare ({computed}). Rätta värdet eller "
                        "lämna Värde tomt så räknas det ut.",
    "NAMNARE_NOLL": "Nämnaren måste vara större än 0.",
    "TALJARE_UTAN_NAMNARE": "Täljare och Nämnare måste fyllas i tillsammans.",
    "TALJARE_EJ_ANDEL": "Täljare och Nämnare används bara för andelar. Lämna dem tomma för indikator {indicator}.",
    "MILSTOLPE_JA_NEJ": "Milstolpen besvaras med Ja eller Nej, inte {value}.",
    "TEXT_FOR_LANG": "Texten är längre än {limit} tecken. Korta ned den.",
    "FORMEL_UTAN_VARDE": "Cellen innehåller en formel utan sparat resultat. Öppna filen i Excel eller "
                         "LibreOffice, låt den räkna om och spara igen – eller skriv in värdet.",
    "CELL_FELVARDE": "Cellen innehåller felvärdet {value} (en formel som inte gick att räkna ut). Rätta formeln "
                     "eller skriv in värdet.",
    "VARDE_ORIMLIGT": "Värdet {value} är orimligt stort för {kind}; högsta rimliga värde är {limit}. Kontrollera "
                      "värdet och enheten.",
    "DEL_STORRE_AN_TOTAL": "Värdet för {part} ({value}, {part_source}) är större än totalen ({total}, "
                           "{total_source}). En del kan inte vara större än helheten; kontrollera båda värdena.",
    "DUBBLETT": "Samma indikator, år och uppdelning finns redan på rad {first}. Ta bort en av raderna.",
    "STATUS_SAKNAS": "Status saknas för åtgärd {measure}. Välj en status, eller töm raden.",
    "STATUS_OKAND": "Okänd status {value}. Välj en av: {allowed}.",
    "STATUS_DUBBLETT": "Åtgärd {measure} år {year} finns redan på rad {first}. Ta bort en av raderna.",
    # Warnings
    "STOR_FORANDRING": "Värdet {value} skiljer sig mycket från {previous_year} ({previous}). "
                       "Kontrollera värdet och förklara förändringen i kolumnen Kommentar.",
    "ANDEL_SOM_BRAK": "Andelen {value} ser ut att vara skriven som bråktal. Menar du {percent}\u00a0%? "
                      "Andelar skrivs i procent.",
    "FORVANTADE_SAKNAS": "Indikator {indicator}: {n} av de förväntade raderna saknar värde (första på rad {first}). "
                         "Fyll i dem om värdena finns.",
    "KOMMUNSUMMA_OVER_LAN": "Indikator {indicator}: kommunernas värden blir tillsammans {sum}, mer än värdet för "
                            "Stockholms län ({total}). Kontrollera värdena (ett fall kan ha räknats i två kommuner).",
    "ERSATT_SAKNAR": "Inrapportering nr {batch} väntar på granskning och ersätts av den här filen, men filen saknar "
                     "{items}. Sparar du filen kan det inte längre godkännas; ta med det i filen om det ska gälla.",
    "GODKANT_KVAR": "Den godkända inrapporteringen nr {batch} har {items}, som den här filen saknar. En tom cell "
                    "betyder ”inte rapporterat”, så det fortsätter att visas i vyerna. Är det fel: rätta värdet i "
                    "filen, eller ångra inrapportering nr {batch} på sidan Historik (det får Länsstyrelsens "
                    "samordnare göra).{earlier}",
}
# GODKANT_KVAR, when earlier approved returns hold the same rows: by whether there are several
GODKANT_EARLIER = (" Ångras nr {batch} visar vyerna i stället värdena från den tidigare godkända inrapporteringen "
                   "nr {earlier} för samma rader.",
                   " Ångras nr {batch} visar vyerna i stället värdena från de tidigare godkända inrapporteringarna "
                   "nr {earlier} för samma rader (den senaste av dem som har raden).")
# What a waiting return holds that the one replacing it does not (ERSATT_SAKNAR)
DROPPED_VALUE = "{indicator} {year} · {breakdown} = {value} (rad {row} i nr {batch})"
DROPPED_STATUS = "åtgärd {measure} {year}: {status} (rad {row} i nr {batch})"
DROPPED_MORE = "{n} till"
REFERENCE_REPLACED = ("", " 1 av dem ersätter en sparad siffra (den finns kvar i historiken).",  # by how many
                      " {n} av dem ersätter sparade siffror (de finns kvar i historiken).")
REFERENCE_REPLACED_ALONE = " Den ersätter en sparad siffra (som finns kvar i historiken)."  # one figure saved
CELL_IN_SHEET = "Fliken {sheet}, cell {cell}: {problem}"  # a catalog's or population file's broken cell
BROKEN_CELLS_END = "Ingenting ändrades."
BROKEN_CELLS_MORE = ("", "… och 1 cell till.", "… och {n} celler till.")  # by how many more
CROSS_CHECK_STORED = "sparat tidigare"
CROSS_CHECK_ROW = "rad {row}"
YEAR_LOCK_REASONS = {
    "deadline": "sista dag för inrapportering var {deadline}",
    "published": "lägesrapporten för året publicerades {published}",
}

# Rapportera (upload) and Historik pages
REPORT_INTRO = (
    "Hämta mallen för din myndighet och år, fyll i den i Excel eller LibreOffice och ladda upp den här. "
    "Filen kontrolleras i sin helhet innan något sparas."
)
REPORT_AGENCY = "Myndighet"
GO_TO_OVERVIEW = "Se siffrorna i översikten"
COL_SHOWN = "Visas i vyerna"  # Historik: whether the views show the value to the one reading
NONE_IN_LIST = "Inga."
PREPARE_EXPORT = "Skapa exportfiler"
REPORT_YEAR = "Rapporteringsår"
STEP_TEMPLATE = "1. Hämta mallen"
STEP_UPLOAD = "2. Ladda upp den ifyllda filen"
STEP_PREVIEW = "3. Granska och spara"
DOWNLOAD_TEMPLATE = "Hämta mall (.xlsx)"
# A changed value whose number or text stayed the same: what else changed ("30 (ny kommentar)").
CHANGED_BESIDE_VALUE = {"comment": "ny kommentar", "numerator": "ny täljare", "denominator": "ny nämnare"}
TEMPLATE_CONTENTS = "Mallen innehåller {rows} och {measures} för {agency} {year}."
TEMPLATE_NOTHING = ("{agency} har inga indikatorer eller åtgärder att rapportera för {year} i den handlingsplan som "
                    "gäller då, så det finns ingen mall att fylla i. Länsstyrelsens samordnare lägger in planens "
                    "åtgärder och indikatorer i katalogen.")
UPLOAD_LABEL = "Ifylld fil (.xlsx eller .ods)"
# A file uploader's own words (widgets.file_input), in place of Streamlit's English "Upload" and "100MB per file".
UPLOAD_BUTTON = "Välj fil"
UPLOAD_REMOVE = "Ta bort "  # + the chosen file's name
UPLOAD_HINTS = {
    "return": "eller dra hit filen · .xlsx, .ods eller .xls, högst {excel} MB",
    "catalog": "eller dra hit filen · TOML högst {text} MB, Excel högst {excel} MB",
    "reference": "eller dra hit filen · CSV, högst {text} MB",
    "population": "eller dra hit filen · CSV högst {text} MB, Excel högst {excel} MB",
}
UPLOAD_HELP = "Största filstorlek {limit} MB (.xlsx, .ods eller .xls)."
NOTHING_TO_REPORT = ("Din myndighet har inga indikatorer eller åtgärder att rapportera för något av de öppnade "
                     "rapporteringsåren.")
NO_OPEN_YEARS = ("Inget rapporteringsår är öppnat för inrapportering ännu. Samordnaren på Länsstyrelsen öppnar år "
                 "med sista dag under Katalog och år.")
YEAR_NOTICE = {
    "deadline": "Sista dag för inrapportering av {year}: {deadline}.",
    "reopened": "Rapporteringsåret {year} är öppnat igen till och med {until}.",
    "locked": "Rapporteringsåret {year} är låst ({why}). Kontakta samordnaren på Länsstyrelsen om något behöver "
              "rättas.",
    "locked_coordinator": "Rapporteringsåret {year} är låst ({why}). Som Samordnare kan du spara ändå efter att ha "
                          "bekräftat; det loggas. Öppna året igen under Katalog och år om rapportörerna ska kunna "
                          "rätta.",
}
CHECK_ERRORS = "Filen har {n} fel och har inte sparats. Rätta felen nedan och ladda upp filen igen."
CHECK_WARNINGS = ("{n} varning. Läs den och bekräfta innan du sparar.",  # one, more than one
                  "{n} varningar. Läs dem och bekräfta innan du sparar.")
CHECK_CLEAN = "Filen är kontrollerad och felfri."
PREVIEW_SUMMARY = "{new}, {changed}, {unchanged} och {statuses}."
# Quantities in the singular and the plural (formatting.fmt_counted): never "1 nya värden"
COUNTED = {"new": ("nytt värde", "nya värden"), "changed": ("ändrat", "ändrade"),
           "unchanged": ("oförändrat", "oförändrade"), "statuses": ("åtgärdsstatus", "åtgärdsstatusar"),
           "warnings": ("varning", "varningar"), "changes": ("ändring", "ändringar"),
           "municipalities": ("kommun", "kommuner"), "regions": ("region", "regioner"),
           "figures_saved": ("publicerad siffra sparad", "publicerade siffror sparade"),
           "figures_read": ("publicerad siffra läst", "publicerade siffror lästa"),
           "values_exported": ("värde exporterat", "värden exporterade"), "differences": ("skillnad", "skillnader"),
           "values": ("värde", "värden"), "status_rows": ("status", "statusar"),
           "rows": ("indikatorrad", "indikatorrader"), "measures": MEASURES_WORDS, "areas": ("område", "områden")}
PREVIEW_NEW = "Nya värden ({n})"
PREVIEW_CHANGED = "Ändrade värden ({n}): gammalt → nytt"
PREVIEW_UNCHANGED = "Oförändrade värden ({n})"
PREVIEW_STATUSES = "Åtgärdsstatus ({n})"
CONFIRM_WARNINGS = "Jag har läst varningarna och vill spara ändå"
RECHECK_WARNINGS = ("Ingenting sparades: något annat sparades medan du granskade filen, och när filen kontrollerades "
                    "igen gav den varningar som du inte har sett (nedan). Läs dem, bekräfta och spara igen.")
SAVE = "Spara"
SAVED = "Sparat som inrapportering nr {batch}: {new} nya och {changed} ändrade värden, {statuses} statusar."
# an upload that replaces the agency's returns of the year still waiting for review (one, several): said in the
# preview and after the save, so that the one who uploads knows which return will not be reviewed
REPLACES_WAITING = ("Filen ersätter inrapportering nr {batches}, som väntar på granskning: den granskas då inte. "
                    "Ändringarna nedan är mot de godkända värdena.",
                    "Filen ersätter inrapporteringarna nr {batches}, som väntar på granskning: de granskas då "
                    "inte. Ändringarna nedan är mot de godkända värdena.")
SAVED_REPLACED = (" Den ersätter inrapportering nr {batches}, som väntade på granskning.",
                  " Den ersätter inrapporteringarna nr {batches}, som väntade på granskning.")
ALREADY_SAVED = "Den här filen är redan sparad (inrapportering nr {batch}). Ingenting sparades."
NOTHING_TO_SAVE_SAME = (
    "Filen har exakt samma innehåll som inrapportering nr {batch}, som redan är sparad. Ingenting sparades."
)
COL_OLD = "Tidigare"
COL_STATUS_BEFORE = "Godkänd status före"  # Granska: the approved status a submitted one would replace
COL_NEW = "Nytt"
COL_AFTER = "Efter godkännande"
REVIEW_NEWER = "Syns inte: {newer} är senare och gäller"
BATCH_BY = "nr {batch} ({agency})"
COL_BREAKDOWN = "Uppdelning"
HISTORY_INTRO = "Alla inrapporteringar, nyast först. Öppna en för att se dess värden eller ångra den."
HISTORY_EMPTY = "Inga inrapporteringar ännu."
BATCH_LABEL = "Inrapportering nr {id} – {agency} – {file} – {when}"
BATCH_COLUMNS = {"id": "Nr", "created_at": "Tidpunkt", "agency": "Myndighet", "year": "År", "file_name": "Fil",
                 "user_name": "Användare", "kind": "Typ", "status": "Status", "reviewed": "Granskad av",
                 "n_new": "Nya",
                 "n_changed": "Ändrade", "n_unchanged": "Oförändrade", "n_statuses": "Statusar",
                 "n_warnings": "Varningar"}
BATCH_KINDS = {"upload": "Uppladdning", "sample": "Exempeldata", "reference": "Referensdata", "edit": "Ändring"}
BATCH_STATUSES = {"submitted": "Inskickad", "approved": "Godkänd", "returned": "Återsänd",
                  "rolled_back": "Ångrad", "replaced": "Ersatt"}
OPEN_BATCH = "Öppna inrapportering"
BATCH_VALUES = "Värden i inrapportering nr {id}"
BATCH_STATUS_ROWS = "Åtgärdsstatus i inrapportering nr {id}"
UNDO = "Ångra inrapportering nr {id}"
UNDO_CONFIRM = "Jag vill ångra inrapportering nr {id}. Värdena den ersatte blir gällande igen."
EXPORT = "Exportera alla värden"
EXPORT_SCOPE = {  # what the export holds, by okdata.scope's unapproved
    "none": "Exporten innehåller alla godkända värden med ursprung.",
    "own": "Exporten innehåller alla godkända värden och din myndighets inskickade, ännu inte godkända värden.",
    "all": "Exporten innehåller alla gällande värden, även inskickade som inte är godkända ännu.",
}
EXPORT_ALL_VERSIONS = "Alla sparade versioner"
EXPORT_ALL_VERSIONS_HELP = ("Också äldre versioner och ersatta, återsända och ångrade inrapporteringar som du får se. "
                            "Kolumnen Visas i vyerna säger vilka som visas.")
EXPORT_FILE, EXPORT_FILE_VERSIONS = "okdata-varden", "okdata-varden-alla-versioner"
EXPORT_COLUMNS = {
    "indicator": "Indikator-id", "indicator_name": "Indikator", "year": "År", "violence_type": "Våldstyp",
    "area": "Område", "group": "Grupp", "category": "Kategori", "value": "Värde", "text": "Text",
    "numerator": "Täljare", "denominator": "Nämnare", "comment": "Kommentar", "example": "Exempeldata",
    "source": "Källa", "batch": "Inrapportering", "batch_kind": "Typ", "agency": "Myndighet",
    "user": "Användare", "saved_at": "Sparad", "batch_status": "Status", "sheet_row": "Rad i filen",
    "shown": "Visas i vyerna", "plan": "Planperiod", "catalog_revision": "Katalogrevision",
}
EXPORT_SHEET = "Värden"
YES_NO = {True: "Ja", False: "Nej"}
DOWNLOADS = {  # the three files every data table offers (okdata.export.table_files): label, file name ending
    "excel_csv": ("Excel (svensk)", "-excel.csv"),
    "machine_csv": ("CSV (maskinläsbar)", ".csv"),
    "xlsx": ("Excel-arbetsbok (.xlsx)", ".xlsx"),
}
DOWNLOADS_HELP = {
    "excel_csv": "Semikolon och decimalkomma: öppnas med kolumner och tal i svensk Excel.",
    "machine_csv": "Komma, decimalpunkt och ISO-datum, en rad per värde: för R, Python och andra program.",
    "xlsx": "En arbetsbok där talen är tal.",
}
VALUE_COLUMNS = {  # key: (heading in the Excel files, name in the machine-readable CSV)
    "indicator": ("Indikator-id", "indikator"), "indicator_name": ("Indikator", "indikatornamn"),
    "unit": ("Enhet", "enhet"), "year": ("År", "ar"), "violence_type": ("Våldstyp", "valdstyp"),
    "area_code": ("Områdeskod", "omradeskod"), "area": ("Område", "omrade"), "group": ("Grupp", "grupp"),
    "category": ("Kategori", "kategori"), "value": ("Värde", "varde"), "text": ("Text", "text"),
    "numerator": ("Täljare", "taljare"), "denominator": ("Nämnare", "namnare"),
    "per_100k": ("Per 100 000 invånare", "per_100000_invanare"), "suppressed": ("Dolt (under 5)", "dolt_under_5"),
    "example": ("Exempeldata", "exempeldata"), "source": ("Källa", "kalla"),
}


RESTORE = {  # why a backup cannot be restored (okdata.backup); the CLI adds "Ingenting har ändrats."
    "not_sqlite": "den är ingen hel säkerhetskopia – filen klarar inte SQLites integritetskontroll ({detail})",
    "damaged": "den är ingen hel säkerhetskopia – filen klarar inte SQLites integritetskontroll ({detail})",
    "no_revision": "den har ingen schemaversion (alembic_version), så den är ingen hel okdata-databas",
    "unknown_revision": ("den har okänd schemaversion {revision} – den kommer från ett annat program eller från en "
                         "nyare version av okdata"),
    "missing_table": "tabellen {table} saknas",
    "missing_column": "kolumnen {table}.{column} saknas",
    "incomplete": "den är ingen hel okdata-databas: {problems}",
    "in_use": "databasen används av ett annat program just nu – stoppa appen först och försök igen",
}

# --- Sign-in, roles, approval, audit -----------------------------------------------------------------------

ROLE_NAMES = {Role.READER: "Läsare", Role.REPORTER: "Rapportör", Role.COORDINATOR: "Samordnare",
              Role.ADMIN: "Administratör"}
RESERVED_NAMES = {"kommandoraden": "serverns kommandorad", "exempeldata": "den som läste in exempeldatan"}
AUTH = {
    "not_signed_in": "Du är inte inloggad.",
    "not_allowed": "Rollen {role} får inte göra detta. Ingenting ändrades.",
    "role_may_not": "rollen {role} får inte göra detta.",  # after EJ_BEHORIG's colon
    "unknown_role": "Okänd roll {role}. Välj en av: {roles}.",
    "reporter_needs_agency": "En rapportör måste höra till en myndighet (på kommandoraden: --agency).",
    "user_exists": "Användaren {username} finns redan.",
    "unknown_user": "Användaren {username} finns inte eller är avstängd.",
    "need_user": "Databasen har användarkonton: ange --user med ditt användarnamn.",
    "wrong_agency": "du rapporterar för {own} och kan inte spara siffror för {agency}.",
    "no_log": "Loggen kan bara läsas av Samordnare och Administratörer.",
    "username_empty": "Användarnamnet får inte vara tomt eller bara mellanslag.",
    "username_long": "Användarnamnet får ha högst {n} tecken.",
    "username_reserved": "Användarnamnet {username} är reserverat: loggen kallar {who} så. Välj ett annat namn.",
    "display_name_long": "Namnet som visas får ha högst {n} tecken.",
    "username_space": "Användarnamnet får inte innehålla mellanslag eller andra blanktecken.",
    "username_control": "Användarnamnet får inte innehålla styrtecken eller osynliga tecken.",
    "username_characters": ("Användarnamnet får bara innehålla latinska bokstäver (a–z, å, ä, ö, é …), siffror och "
                            "{punctuation} – inte ”{char}”."),
    "username_confusable": ("Användarnamnet {username} går lätt att förväxla med det befintliga kontot {existing}. "
                            "Välj ett annat namn."),
    "password_empty": ("Ange ett lösenord. Ett konto utan lösenord (bara organisationsinloggning) skapas med "
                       "--no-password."),
    "password_short": "Lösenordet måste ha minst {n} tecken. En lösenfras med några ord är lättast att minnas.",
    "password_long": "Lösenordet får ha högst {n} tecken.",
    "password_common": "Lösenordet är för vanligt eller för enkelt att gissa. Välj ett annat, gärna en lösenfras.",
    "password_has_username": "Lösenordet får inte innehålla användarnamnet.",
    "password_mismatch": "Lösenorden är inte lika. Ingenting har sparats.",
}
SIGN_IN_TITLE = "Logga in"
SIGN_IN_INTRO = "Operation Kvinnofrids uppföljning. Logga in för att se siffrorna."
SIGN_IN_USER = "Användarnamn"
SIGN_IN_PASSWORD = "Lösenord"
SIGN_IN_BUTTON = "Logga in"
SIGN_IN_OIDC = "Logga in med ditt organisationskonto"
SIGN_IN_OIDC_NAMED = "Logga in via {name}"
SIGN_IN_FAILED = "Fel användarnamn eller lösenord."
SIGN_IN_WAIT = ("För många misslyckade försök med det här användarnamnet härifrån. Försök igen om {seconds} "
                "sekunder.")
SIGN_IN_NO_ACCOUNT = "Kontot {name} har ingen behörighet i verktyget. Kontakta Länsstyrelsens samordnare."
SIGN_OUT = "Logga ut"
SIGNED_IN_AS = "Inloggad som **{name}** ({role}{agency})"
DEMO_TITLE = "Demokonton (bara i exempeldatabasen)"
DEMO_INTRO = "Exempeldatabasen har ett demokonto per roll (lösenord: demo). Välj en roll för att prova."
DEMO_BUTTON = "{role}: {name}"
PAGE_NOT_ALLOWED = "Sidan {page} är inte tillgänglig för rollen {role}."
INCLUDE_SUBMITTED = "Visa även inskickade, ej godkända siffror"
SAVED_SUBMITTED = "Inrapporteringen är inskickad och syns i vyerna när Länsstyrelsens samordnare har godkänt den."
RETURNED_BECAUSE = "Inrapportering nr {id} är återsänd av Länsstyrelsen: {reason}"
REVIEW_INTRO = (
    "Inskickade inrapporteringar som väntar på granskning. Godkänn för att siffrorna ska synas i vyerna, "
    "eller återsänd med ett skäl som rapportören ser under Historik."
)
REVIEW_EMPTY = "Inga inrapporteringar väntar på granskning."
REVIEW_PICK = "Inrapportering att granska"
REVIEW_NEXT = "Granska nästa ({n} väntar)"  # after an approval or a return: the next is opened by choice
REVIEW_CHECKS = "Kontroll av filen vid uppladdningen: {warnings}."
REVIEW_CHANGES = "Ändringar mot det som var godkänt:"
WARNINGS_CONFIRMED = "Den som laddade upp filen läste och bekräftade de här varningarna innan den sparades:"
WARNINGS_UNCONFIRMED = ("Filen sparades med de här varningarna utan att de bekräftades på sidan (den lästes in från "
                        "kommandoraden, som skriver ut varningarna men inte frågar, eller är exempeldata):")
WARNINGS_NOT_KEPT = ("Varningarnas text finns inte sparad för den här inrapporteringen, bara antalet ({n}): den "
                     "sparades innan okdata började spara texterna.")
BATCH_WARNINGS = "Varningar vid uppladdningen av nr {id}"
APPROVE = "Godkänn"
RETURN = "Återsänd"
RETURN_REASON = "Skäl till återsändning (visas för rapportören)"

# --- What each action says (okdata.domain.Outcome: done, refused or nothing to do) -------------------------
_NOT_REVIEWABLE = {  # an approval or return that found the batch no longer waiting: nothing was changed
    "unknown": "Inrapportering nr {id} finns inte. Ingenting ändrades.",
    "not_upload": "Inrapportering nr {id} är {kind} och granskas inte; bara uppladdade filer granskas. Ingenting "
                  "ändrades.",
    "already_approved": "Inrapportering nr {id} är redan godkänd. Ingenting ändrades.",
    "already_returned": "Inrapportering nr {id} är redan återsänd. Ingenting ändrades.",
    "already_rolled_back": "Inrapportering nr {id} är ångrad och kan inte längre granskas. Ingenting ändrades.",
    "replaced": "Inrapportering nr {id} är ersatt av en senare uppladdning från samma myndighet för samma år och "
                "kan inte längre granskas; granska den senare i stället. Ingenting ändrades.",
}
# by how many were shown: 0, 1, more
UNDO_SHOWN = ("inget av det var godkänt och visat i vyerna.",
              "ett av dem var godkänt och visat i vyerna och är det inte längre.",
              "{n} av dem var godkända och visade i vyerna och är det inte längre.")
# after UNDO_SHOWN when earlier approved returns (or the example data) hold the same rows
UNDO_EARLIER = " För {n} av dem visar vyerna nu i stället tidigare godkända värden och statusar från nr {batches}."
# after UNDO_SHOWN when returns the undone one had replaced wait for review again (one, several)
UNDO_WAITING = (" Inrapportering nr {batches}, som den ersatte, väntar nu på granskning igen.",
                " Inrapporteringarna nr {batches}, som den ersatte, väntar nu på granskning igen.")
UNDO_LOCKED = ("Rapporteringsåret {year} är låst ({why}), så inrapportering nr {id} kan inte ångras längre. "
               "Kontakta Samordnaren på Länsstyrelsen om den ska ångras.")
UNDO_IN_LOCKED_YEAR = ("Rapporteringsåret {year} är låst ({why}). Som Samordnare kan du ångra ändå: det ändrar "
                       "vad vyerna visar för ett låst år, och loggen säger att året var låst.")
OUTCOMES = {
    "analysis": {
        "ok": "{what}: texten i lägesrapport {year} är sparad ({time}). Tidigare versioner finns kvar.",
        "unchanged": "{what}: texten är densamma som den sparade. Ingenting ändrades.",
        "too_long": "{what}: texten är för lång (högst {n} tecken). Ingenting ändrades.",
        "unknown_goal": "Mål {goal} finns inte i handlingsplanen för {year}. Ingenting ändrades.",
    },
    "catalog_save": {"ok": "Katalogen för {plan} är sparad som revision {revision} ({n}), "
                           "gäller från {year}.",
                     "unchanged": "Katalogen för {plan} är redan så. Ingenting ändrades."},
    "reference_import": {"ok": "{n} med källa (inläsning nr {id}).{replaced}",
                         "empty": "Filen har inga siffror. Ingenting ändrades."},
    "population_import": {"ok": "Befolkningen är inläst: {n} område och år, {first}–{last}."},
    "plan_new": {"ok": "Planperioden {plan} är startad från {old}: {summary}."},
    "approve": {"ok": "Inrapportering nr {id} är godkänd och syns nu i vyerna.",
                "ok_not_shown": "Inrapportering nr {id} är godkänd, men {values} syns inte i vyerna: {newer} har "
                                "samma indikator, år och uppdelning och laddades upp senare, och den senaste "
                                "uppladdningen gäller.",
                "ok_not_shown_published": "Inrapportering nr {id} är godkänd, men {values} syns inte i vyerna: "
                                          "{newer} har samma indikator, år och uppdelning och laddades upp senare, "
                                          "och den senaste uppladdningen gäller. Resten syns nu i vyerna, och "
                                          "rapporteringsåret {year} var låst ({why}): sidan Lägesrapport visar "
                                          "skillnaderna mot den publicerade, och loggen säger att året var låst.",
                "ok_published": "Inrapportering nr {id} är godkänd och syns nu i vyerna. Rapporteringsåret {year} "
                                "var låst ({why}): sidan Lägesrapport visar skillnaderna mot den publicerade, och "
                                "loggen säger att året var låst.", **_NOT_REVIEWABLE},
    "return": {"ok": "Inrapportering nr {id} är återsänd till rapportören.",
               "reason_missing": "Skriv ett skäl för återsändningen. Ingenting ändrades.", **_NOT_REVIEWABLE},
    "undo": {
        "ok": "Inrapportering nr {id} är ångrad. Den hade {values} och {status_rows}; {shown}",
        "ok_locked": "Inrapportering nr {id} är ångrad. Den hade {values} och {status_rows}; {shown} "
                     "Rapporteringsåret {year} var låst ({why}); loggen säger det.",
        "year_locked": UNDO_LOCKED + " Ingenting ändrades.",
        "unknown": "Inrapportering nr {id} finns inte. Ingenting ändrades.",
        "already_rolled_back": "Inrapportering nr {id} är redan ångrad. Ingenting ändrades.",
        "not_allowed": "Inrapportering nr {id} är {kind} och kan inte ångras; bara uppladdade filer kan det. "
                       "Ingenting ändrades.",
        "forbidden": "Du kan bara ångra inrapporteringar från din egen myndighet som inte är godkända. "
                     "Ingenting ändrades.",
        "approved": "Inrapportering nr {id} är godkänd och kan inte längre ångras av dig; kontakta Samordnaren på "
                    "Länsstyrelsen om den ska ångras. Ingenting ändrades.",
    },
    "catalog_edit": {"ok": "Indikator {code} är sparad.",
                     "unchanged": "Indikator {code} har redan den riktningen och det målet: ingenting ändrades."},
    "series_break": {"ok": "Seriebrottet för {code} från {year} är sparat."},
    "series_break_removed": {"ok": "Seriebrottet för {code} från {year} är borttaget; värdena före och efter "
                                   "jämförs igen.",
                             "gone": "Seriebrottet är redan borttaget. Ingenting ändrades."},
    "year_open": {"ok": "Rapporteringsår {year} är öppet med sista dag {deadline}.",
                  "ok_published": "Rapporteringsår {year} har sista dag {deadline}, men året är fortfarande låst "
                                  "({why}). Öppna det igen med Öppna året igen under Katalog och år (på "
                                  "kommandoraden year reopen), med en sista dag och ett skäl.",
                  "unchanged": "Rapporteringsår {year} har redan sista dag {deadline}: ingenting ändrades."},
    "year_reopen": {"ok": "Rapporteringsår {year} är öppnat igen till och med {until}."},
    "group_save": {"ok": "Jämförelsegruppen {name} är sparad med {n}.",
                   "unchanged": "Jämförelsegruppen {name} har redan de kommunerna: ingenting ändrades."},
    "group_delete": {"ok": "Jämförelsegruppen {name} är borttagen.",
                     "unknown": "Du har ingen jämförelsegrupp som heter {name}: ingenting ändrades."},
    "user_change": {"ok": "Kontot {username} är ändrat.",
                    "unchanged": "Kontot {username} har redan den rollen och det läget: ingenting ändrades."},
}

REFERENCE_LOCKED_YEAR = ("Året {year} är låst: {why}. Siffrorna för året ändrar vad vyerna visar för det, inte den "
                         "publicerade rapporten; sparandet loggas.")
YEAR_WAS_LOCKED = "Rapporteringsåret {year} var låst ({why})"  # in the log of an undo in a locked year
REVIEW_NOT_WAITING = {  # a link to a batch that is not in the queue
    "approved": "Inrapportering nr {id} är redan godkänd och väntar inte på granskning.",
    "returned": "Inrapportering nr {id} är redan återsänd och väntar inte på granskning.",
    "rolled_back": "Inrapportering nr {id} är ångrad och väntar inte på granskning.",
    "replaced": "Inrapportering nr {id} är ersatt av en senare uppladdning från samma myndighet för samma år och "
                "väntar inte på granskning.",
    None: "Inrapportering nr {id} finns inte.",
    **{kind: "Inrapportering nr {id} är " + word.lower() + " och granskas inte; bara uppladdade filer granskas."
       for kind, word in BATCH_KINDS.items() if kind != "upload"},
}
REVIEW_NOT_A_NUMBER = "Länken bad om ”{raw}”, som inte är numret på någon inrapportering."
BATCH_STATE_NOTICE = {  # Historik: why a chosen batch counts no longer
    "rolled_back": "Inrapportering nr {id} är ångrad: dess värden syns inte i vyerna.",
    "replaced": "Inrapportering nr {id} är ersatt av nr {by} (en senare uppladdning för samma myndighet och år): "
                "dess värden syns inte i vyerna.",
}
AUDIT = {
    "login": "Inloggning",
    "login_failed": "Misslyckad inloggning",
    "logout": "Utloggning",
    "user_add": "Användare {username} skapad",
    "user_change": "Användare {username} ändrad",
    "upload": "Inrapportering nr {batch} sparad ({agency}, {file}): {new} nya, {changed} ändrade, {statuses} statusar",
    "rollback": "Inrapportering nr {batch} ångrad",
    "approve": "Inrapportering nr {batch} godkänd",
    "return": "Inrapportering nr {batch} återsänd: {reason}",
    "catalog_edit": "Indikator {indicator} ändrad",
    "series_break": "Seriebrott för {indicator} år {year}",
    "series_break_removed": "Seriebrott för {indicator} år {year} borttaget",
    "reporting_year": "Rapporteringsår {year} öppnat, sista dag {deadline}",
    "year_reopen": "Rapporteringsår {year} öppnat igen till och med {until}: {reason}",
    "replace": "Inrapportering nr {batch} ersatt av nr {by} (en senare uppladdning för samma myndighet och år)",
    "publish": "Lägesrapport {year} publicerad (version {version})",
    "meeting_note": "Mötesanteckning för mål {goal} ({date})",
    "analysis": "Analys i lägesrapport {year}: {what}",
    "group_save": "Jämförelsegrupp {name} sparad",
    "group_delete": "Jämförelsegrupp {name} borttagen",
    "catalog_revision": "Katalogen för {plan} sparad som revision {revision}, gäller från {year}: {summary}",
    "reference_import": "{n} med källa (inläsning nr {id})",
    "population_import": "Befolkning från SCB inläst: {n} område och år ({years})",
    "plan_new": "Planperiod {plan} startad från {old}: {summary}",
}
REOPEN_TITLE = "Öppna ett låst år igen"
REOPEN_INTRO = ("Ett år låses efter sista dagen och när lägesrapporten för året publiceras. Öppna det igen till och "
                "med en viss dag så att rapportörerna kan rätta; skälet loggas.")
REOPEN_UNTIL = "Öppet till och med"
REOPEN_REASON = "Skäl (loggas)"
REOPEN_SAVE = "Öppna året igen"
PERIODS = {
    "not_opened": "Rapporteringsår {year} är inte öppnat; öppna det först med en sista dag.",
    "outside_plan": "År {year} ligger utanför handlingsplanens period {start}–{end}; bara planperiodens år kan "
                    "öppnas för inrapportering.",
    "reason_missing": "Skriv varför året öppnas igen (det loggas).",
    "until_past": "Dagen {until} har redan varit; välj en dag från och med i dag.",
    "deadline_early": "Sista dag {deadline} ligger före slutet av {year}; årets siffror rapporteras efter året, "
                      "så sista dag är tidigast {year}-12-31.",
    "open": "Öppet",
    "locked": "Låst: {why}",
    "reopened": "Öppnat igen till och med {until}",
}
# --- Revising the catalog (catalog_revisions.py, catalog_edits.py, plans.py) -------------------------------
CATALOG_CHECK = {
    "missing_section": "Katalogen saknar avsnittet [{section}].",
    "missing_key": "Katalogen saknar fältet {key!r} på en rad. Utgå från en exporterad katalog.",
    "control": "Katalogen innehåller ett styrtecken (teckenkod {code}), som inte kan sparas: mallar och rapporter kan "
               "inte bära det. Ta bort det och försök igen.",
    "malformed": "Katalogen har ett fält med fel slags värde (t.ex. text där en lista eller ett tal ska stå).",
    "goal_title": "Mål {goal} saknar rubrik.",
    "goal_number": "Ett nytt mål behöver ett nummer (1, 2, 3 …), inte {goal!r}.",
    "goal_number_missing": "Ett nytt mål behöver ett nummer (1, 2, 3 …).",
    "measure_twice": "Åtgärd {code} förekommer två gånger.",
    "measure_code": "En åtgärds kod är siffror med punkt emellan, utan mellanslag (t.ex. 9.1 eller 2.10), inte "
                    "”{code}”.",
    "measure_code_missing": "En ny åtgärd behöver en kod: siffror med punkt emellan (t.ex. 9.1 eller 2.10).",
    "measure_agencies": "Åtgärd {code} behöver minst en ansvarig.",
    "measure_text": "Åtgärd {code} saknar text.",
    "indicator_id": "Indikator-id ”{code}” går inte: högst 12 tecken, bokstäverna a–z, siffror och punkt, utan "
                    "mellanslag (t.ex. 2.4d eller R3.2).",
    "indicator_id_missing": "En ny indikator behöver ett id (högst 12 tecken: bokstäverna a–z, siffror och punkt, "
                            "t.ex. 2.4d eller R3.2).",
    "indicator_name": "Indikator {code} saknar namn.",
    "direction": "Indikator {code}: riktningen måste vara 1, -1 eller 0.",
    "target_needs_year": "Indikator {code}: ett mål behöver både målvärde och målår.",
    "share_target": "Indikator {code}: målvärdet för en andel ligger mellan 0 och 100.",
    "category_needs_list": "Indikator {code}: uppdelningen kategori behöver en lista med kategorier.",
    "kind_with_values": "Indikator {code} har sparade värden och kan inte byta typ: då skulle värdena byta "
                        "betydelse. Pensionera den och lägg till en ny indikator i stället.",
    "unknown_plan": "Planperioden {plan} finns inte. En ny planperiod startas med ”Ny planperiod”.",
    "unknown_measure": "Indikator {code}: åtgärden {measure} finns inte i katalogen.",
    "from_year": "Året revisionen gäller från ska ligga i planperioden ({start}–{end}).",
    "from_year_before": "Revisionen kan inte gälla från {year}: katalogrevision {revision} gäller redan från "
                        "{latest}. En revision är hela katalogen, så sparad från {year} skulle den föra in "
                        "ändringarna från {latest} också i {years}. Spara ändringen från {latest} eller ett senare "
                        "år; för {years} gäller då katalogen som den var. År före {latest} kan inte längre "
                        "revideras. Ingenting sparades.",
    "kind_from_year": "Indikator {code} kan inte byta typ från {year} ({before} → {after}): typen hör till "
                      "indikatorns enda serie, så ett värde för {years} som rapporteras som {before} skulle läsas "
                      "som {after}. En ny typ sparas från planperiodens första år ({start}) och gäller då hela "
                      "planen – det går bara så länge ingen revision gäller från ett senare år. Annars: pensionera "
                      "indikatorn och lägg till en ny med ett eget id. Ingenting sparades.",
    "not_a_file": "Filen går inte att läsa som en katalog (TOML eller Excel från Exportera katalogen).",
    "missing_sheet": "Arbetsboken saknar fliken {sheet}. Utgå från en exporterad katalog.",
    "not_a_number": "Kolumnen {key} ska vara ett tal, inte {value!r}.",
    "not_a_bool": "Kolumnen {key} ska vara true eller false (ja eller nej), inte {value!r}.",
    "at_row": "Fliken {sheet}, rad {row}: {problem}",
    "plan_rows": "Fliken {sheet} har {n} rader under rubrikerna; en katalog gäller en plan. Ta bort de andra "
                 "raderna. Ingenting ändrades.",
    "preview_stale": "Katalogen har ändrats sedan förhandsgranskningen (en annan ändring har sparats). Ingenting "
                     "sparades: förhandsgranska igen.",
    "target_year": "Indikator {code}: målåret ska vara ett årtal (t.ex. 2027), inte {value!r}.",
    "target_value": "Indikator {code}: målvärdet ska vara ett tal, inte {value!r}.",
    "field_kind": "Indikator {code}: fältet {key} ska vara {kind}, inte {value!r}.",
    "series_id": "Indikator {code}: fältet series_id sätts bara när en ny planperiod för över en indikator (Ny "
                 "planperiod), inte i en katalogfil.",
    "plan_years": "Planperiodens år ({start}–{end}, basår {baseline}) ändras inte i en katalogfil; filen säger "
                  "{new_start}–{new_end}, basår {new_baseline}.",
    "goal_twice": "Mål {goal} förekommer två gånger.",
    "agency_twice": "Myndigheten {code} förekommer två gånger.",
    "agency_field": "Myndigheten {code} saknar fältet {key} eller har fel slags värde i det.",
    "agency_code": "En ansvarigs kod är högst 20 tecken: bokstäverna A–Z, siffror, - och _, utan mellanslag "
                   "(t.ex. POL eller K0114), inte ”{code}”.",
    "agency_kind": "Myndigheten {code} har fältet kind ”{kind}”; det ska vara en av {kinds}.",
    "no_goals": "Katalogen har inga mål: sparad skulle den pensionera alla mål, åtgärder och indikatorer i "
                "planperioden {plan}. En plan behåller minst ett mål; ingenting sparades.",
    "too_long": "Fältet {key} {where} är {n} tecken långt; där ryms högst {limit} tecken. Korta det; ingenting "
                "sparades.",
    "unknown_key": "Katalogen har fältet ”{key}” {where}, som okdata inte känner till. Rätta namnet eller ta bort "
                   "fältet (i Excel: kolumnen); ingenting sparades. Fälten där är: {known}.",
}
# Where an unknown field of a catalog document stands, for CATALOG_CHECK["unknown_key"].
CATALOG_KEY_PLACES = {"document": "överst i filen", "plan": "i planen", "agency": "hos myndigheten {code}",
                      "goal": "i mål {code}", "measure": "i åtgärd {code}", "indicator": "i indikator {code}",
                      "regional_indicator": "i indikator {code}"}
# A text file (a catalog in TOML, a CSV of population or published figures) larger than such a file ever is.
TEXT_FILE_TOO_BIG = "Filen är {size} MB; en sådan fil är högst {limit} MB. Kontrollera att det är rätt fil."
CATALOG_FIELD_KINDS = {"text": "en text", "bool": "true eller false", "list": "en lista med texter"}
CATALOG_FILE_HEADER = (
    "Katalog: {plan}, revision {revision}.\n"
    "Exporterad ur okdata. Ändra och läs in med Katalog och år > Fil eller python -m okdata catalog import FIL;\n"
    "ändringen förhandsgranskas och sparas som en ny revision. Id och koder identifierar raderna: byt inte ett id, "
    "lägg till en ny rad i stället.\nEn rad som tas bort pensioneras (dess värden finns kvar)."
)
CATALOG_XLSX_ABOUT = "Om filen"
CATALOG_WHAT = {"plan": "Plan", "agency": "Ansvarig", "goal": "Mål", "measure": "Åtgärd", "indicator": "Indikator"}
CATALOG_HOW = {"new": "ny", "changed": "ändrad", "retired": "pensioneras"}
# The catalog document's fields by the names the forms give them (a preview shows these, never the file's keys).
REPORTING_YEAR_COLUMNS = {"year": "År", "deadline": "Sista dag", "opened_by": "Öppnat av", "state": "Läge"}
CATALOG_FIELDS = {
    "name": "Namn", "kind": "Typ", "unit": "Enhet", "direction": "Riktning", "target_value": "Målvärde",
    "target_year": "Målår", "frequency": "Frekvens", "breakdowns": "Uppdelningar", "categories": "Kategorier",
    "development": "Utvecklingsindikator", "per_100k": "Per 100 000 invånare", "source_url": "Källa (webbadress)",
    "note": "Anmärkning", "goal": "Mål", "measure": "Åtgärd", "text": "Text", "follow_up": "Uppföljning",
    "agencies": "Ansvariga", "title": "Rubrik", "in_place": "Det här ska finnas på plats",
    "development_areas": "Utvecklingsområden", "short_name": "Kortnamn", "aliases": "Andra namn",
    "start_year": "Första år", "end_year": "Sista år", "baseline_year": "Basår", "source": "Källa",
    "party": "Part i samverkan", "member_of": "Ingår i", "area_code": "Kommunkod",
}
CATALOG_CHANGE_COLUMNS = {"what": "Vad", "code": "Kod", "how": "Ändring", "field": "Fält", "before": "Före",
                          "after": "Efter"}
CATALOG_PREVIEW = {
    "change_line": "{what} {code}: {how} {field} {before} → {after}",
    "agencies": "Mallen ändras för: {items}",
    "status_indicators": "Statusen kan ändras för indikatorerna: {items}",
    "series": "Sparade serier som berörs (antal värden): {items}",
    "statuses": "Åtgärder med sparade statusar (antal): {items}",
    "none": "Ingen skillnad mot den sparade katalogen.",
    "from_year": "Sparas som en ny katalogrevision som gäller från rapporteringsår {year}.",
    "closes": "{years} behåller sin katalog. När revisionen är sparad kan ingen revision längre gälla från {years}; "
              "välj ett tidigare år om ändringen ska gälla även där.",
}
PREVIEW_SAVE_HINT = ("Ingenting är sparat ännu. Kontrollera förhandsgranskningen; ”{button}” sparar just det som "
                     "visas här.")
PREVIEW_AGAIN = {
    "form": "Formuläret eller året har ändrats sedan förhandsgranskningen. Ingenting sparades: förhandsgranska igen.",
    "file": "Filen eller året har ändrats sedan förhandsgranskningen. Ingenting sparades: kontrollera den nya "
            "förhandsgranskningen och spara igen.",
}
CATALOG_REVISION_BEFORE = "katalogen före den första ändringen i appen"
CATALOG_REVISION_APP = "ändring i appen"
CATALOG_REVISION_SUMMARY = "{n}: {items}"
# a revision's items by how, for a common-gender and a neuter item (a goal: "nytt mål 9", "ändrat mål 2")
CATALOG_ITEM = {"new": ("ny {what} {code}", "nytt {what} {code}"),
                "changed": ("ändrad {what} {code} ({fields})", "ändrat {what} {code} ({fields})"),
                "retired": ("{what} {code} pensioneras", "{what} {code} pensioneras")}
CATALOG_NEUTER = frozenset({CATALOG_WHAT["goal"]})
CATALOG_REVISION_COLUMNS = {"number": "Revision", "from_year": "Gäller från", "source": "Källa",
                            "created_by": "Sparad av", "created_at": "Sparad", "summary": "Ändringar"}
REFERENCE_COLUMNS = {"code": "Indikator", "year": "År", "area": "Område", "grp": "Grupp", "value_num": "Värde",
                     "unit": "Enhet", "url": "Källa", "quote": "Citat"}
REFERENCE_ENTERED = "inmatad i appen"
REFERENCE_PROBLEMS = {
    "encoding": "Filen går inte att läsa som text (varken UTF-8 eller Windows-1252, Excels CSV på svensk Windows). "
                "Spara den som CSV UTF-8.",
    "columns": "Kolumnerna {missing} saknas. Filen ska ha kolumnerna {columns}.",
    "line": "Rad {line}: {problem}",
    "typed": "{problem}.",  # a figure typed in the app: no line of a file
    "indicator": "indikatorn {value!r} är ingen regional indikator (R…) i planperiodens katalog",
    "unit": "enheten {value!r} är inte indikatorn {code}s enhet {unit!r}",
    "year": "året {value!r} är inte ett årtal",
    "area": "området {value!r} är varken länet eller en kommun i länet",
    "group": "gruppen {value!r} är okänd (alla, {groups})",
    "group_not_broken_down": "indikatorn {code} delas inte upp på grupp i katalogen, så siffran för gruppen {value!r} "
                             "skulle inte visas någonstans; skriv alla, eller lägg först till uppdelningen Grupp för "
                             "{code} under Katalog och år",
    "value": "värdet {value!r} är inte ett tal (decimalkomma eller decimalpunkt går bra)",
    "share": "värdet {value!r} är en andel och ligger mellan 0 och 100",
    "source": "källan {value!r} är ingen webbadress (https://…)",
    "quote": "citatet ur källan saknas",
    "missing_indicator": "indikatorn saknas",
    "missing_year": "året saknas",
    "missing_value": "värdet saknas",
    "missing_source": "källan saknas (en webbadress, https://…)",
    "twice": "Samma indikator, år, område och grupp står på rad {first} och {line}; ta bort den ena.",
    "replaces": "ersätter den sparade siffran {value} för {code} {year}, {area}{group}{source} med {new}",
    "replaces_source": " (källa {source})",
    "same_value": "samma värde",
    "future_year": "året {value} har inte börjat; en publicerad siffra gäller ett år som varit",
    "implausible": "värdet {value!r} är inte rimligt (0–1 000 000 000)",
    "too_long": "Filen har ett fält som är längre än 128 kB; en CSV med publicerade siffror har inte det.",
    "heading_twice": "Filen har samma kolumn två gånger (t.ex. både år och ar).",
}
POPULATION_PROBLEMS = {
    "not_a_file": "Filen går inte att läsa som en Excelfil.",
    "layout": "Filen har inte SCB:s utseende: en rubrikrad som börjar med region, och en kolumn per år "
              "(tabell BE0101N1, se docs/drift.md).",
    "value": "Rad {line}: folkmängden {value!r} för {year} är inte ett heltal.",
    "no_areas": "Filen har inga rader för länet eller dess kommuner.",
    "duplicate": "Rad {line}: {region}, {sex}, {year} finns två gånger i filen (också på rad {first}); ingenting "
                 "läggs ihop.",
    "year_twice": "Året {year} har två kolumner i rubrikraden.",
    "sex": "Rad {line}: okänt kön {sex!r}; SCB:s export har män, kvinnor eller totalt.",
    "implausible": "Rad {line}: folkmängden {value} för {region} {year} är inte rimlig (1–{limit}).",
    "one_sex": "Rad {line}: för område {region} har år {year} bara {sex}; folkmängden behöver både män och "
               "kvinnor, eller totalt.",
    "unknown_code": "Rad {line}: regionkoden {code} är ingen kommun i Stockholms län; rätta koden (t.ex. 0184 "
                    "Solna).",
    "no_code": "Rad {line}: raden ”{region}” har folkmängder men ingen regionkod (t.ex. 0184 Solna).",
    "year_range": "Kolumnen {year} i rubrikraden är inget år i SCB:s tabell ({first}–{last}).",
}
POPULATION_SOURCE = "{table}; filen {file}, inläst av {user} {day}"
PLAN_PROBLEMS = {
    "period": "Planperioden {period!r} ska skrivas som två årtal, t.ex. 2028-2031.",
    "period_missing": "Skriv planperioden som två årtal, t.ex. 2028-2031.",
    "overlap": "Planperioden {period} överlappar {other}.",
    "not_next": "Planperioden {period} följer inte på den senaste, {latest}: en ny planperiod börjar året efter den "
                "slutar, {first} (t.ex. {first}-{last}).",
    "carry_file": "Filen med vad som förs över går inte att läsa (TOML: goals = [1, 2], measures = [\"1.1\"], "
                  "indicators = [\"1.1a\"]).",
    "carry_keys": "Okända nycklar i filen: {keys} (goals, measures, indicators).",
    "unknown": "{codes} finns inte i planperioden {plan}.",
    "no_goals": "Välj minst ett mål att föra över.",
    "measure_goal": "Åtgärd {code} hör till mål {goal}, som inte förs över.",
    "indicator_parent": "Indikatorerna {codes} förs över utan sin åtgärd eller sitt mål.",
}
PLAN_NAME = "Handlingsplan {start}–{end}"
REPORT_PLAN = "{plan}, katalogrevision {revision}"
CATALOG_REVISE_TITLE = "Revidera katalogen"
CATALOG_REVISE_INTRO = (
    "Ändra, lägg till eller pensionera mål, åtgärder och indikatorer i den valda planperioden. Förhandsgranska "
    "först: du ser varje ändring, vilka myndigheters mallar som ändras och vilka sparade serier och statusar som "
    "berörs. Ändringen sparas som en ny katalogrevision som gäller från det valda året; tidigare år behåller sin "
    "revision för mallar, kontroller och förväntade rader, och sparade värden behåller sin betydelse.")
CATALOG_FROM_YEAR = "Revisionen gäller från rapporteringsår"
CATALOG_TABS = ["Indikatorer", "Åtgärder", "Mål", "Fil (TOML/Excel)", "Publicerade siffror", "Befolkning",
                "Planperioder"]
CATALOG_FORM = {
    "choose_indicator": "Indikator att ändra", "choose_measure": "Åtgärd att ändra", "choose_goal": "Mål att ändra",
    "new": "Ny …", "code": "Id (nytt)", "code_help": "T.ex. 2.4d för en åtgärds indikator eller R3.2 för en "
    "regional indikator på målnivå.", "number": "Nummer (nytt)", "measure": "Åtgärd",
    "regional": "Ingen (regional indikator på målnivå)", "goal": "Mål",
    "regional_goal": "Mål (för en regional indikator; annars åtgärdens)", "kind": "Typ", "name": "Namn",
    "unit": "Enhet", "frequency": "Frekvens", "breakdowns": "Uppdelningar",
    "categories": "Kategorier (en per rad)", "development": "Utvecklingsindikator (tas fram under planperioden)",
    "per_100k": "Visas per 100 000 invånare (bara antal människor eller händelser i befolkningen)",
    "text": "Text", "follow_up": "Uppföljning", "agencies": "Ansvariga", "title": "Rubrik",
    "in_place": "Det här ska finnas på plats (en per rad)", "development_areas": "Utvecklingsområden (ett per rad)",
}
CATALOG_PREVIEW_BUTTON = "Förhandsgranska"
CATALOG_PREVIEW_TITLE = "Förhandsgranskning"
CATALOG_REVISE_SAVE = "Spara som ny revision"
CATALOG_RETIRE = "Pensionera"
CATALOG_RETIRE_SAVE = "Pensionera och spara som ny revision"
CATALOG_EXPORT_TOML = "Exportera katalogen (TOML)"
CATALOG_EXPORT_XLSX = "Exportera katalogen (Excel)"
CATALOG_IMPORT = "Läs in en reviderad katalogfil (TOML eller Excel)"
CATALOG_IMPORT_SAVE = "Spara filen som ny revision"
CATALOG_REVISIONS_TITLE = "Katalogrevisioner för planperioden"
REFERENCE_INTRO = (
    "Siffror för regionala indikatorer (R…) som publicerats någon annanstans, med källans adress och den "
    "citerade meningen. De visas med sin källa som övriga publicerade siffror. En fil har kolumnerna "
    "indikator,år,område,grupp,värde,enhet,källa,citat; decimalkomma och decimalpunkt går båda bra.")
REFERENCE_VALUE = "Värde (decimalkomma går bra)"
REFERENCE_SAVE = "Spara siffran"
REFERENCE_UPLOAD = "Läs in publicerade siffror (CSV)"
REFERENCE_SAVE_FILE = "Spara siffrorna"
POPULATION_INTRO = (
    "Folkmängd per kommun, kön och år ur SCB:s statistikdatabas, tabell BE0101N1, exporterad som CSV "
    "(”Komma-avgränsad med rubrik”) eller Excel, med rubrikrader och fotnoter (se docs/drift.md). Könen summeras; "
    "samma område och år ersätts. Mellanår interpoleras och alla tal per 100 000 invånare använder de nya åren.")
POPULATION_UPLOAD = "Läs in befolkning från SCB (CSV eller Excel)"
POPULATION_SAVE = "Spara befolkningen"
POPULATION_IGNORED = "{n} utanför länet lämnas utanför."
PLAN_COLUMNS = {"code": "Kod", "name": "Namn", "start_year": "Från", "end_year": "Till",
                "revision": "Katalogrevision", "from": "Startad från"}
PLAN_NEW_INTRO = (
    "Starta nästa planperiod från den valda. Välj vilka mål, åtgärder och indikatorer som förs över: en överförd "
    "indikator fortsätter sin serie och historik, de andra stannar i den gamla planen, som går att visa med sina "
    "publicerade rapporter. Nya läggs till efteråt i den nya planperioden.")
PLAN_NEW_PERIOD = "Ny planperiod (t.ex. 2028-2031)"
PLAN_CARRY = {"goals": "Mål som förs över", "measures": "Åtgärder som förs över",
              "indicators": "Indikatorer som förs över"}
PLAN_NEW_SAVE = "Starta planperioden"
PLAN_CHOICE = "Planperiod"
PLAN_OPTION = "{years}{current}"  # short enough to be read whole in the sidebar
PLAN_CURRENT = " (gällande)"
PLAN_REVISION = "{name}, katalogrevision {revision}"
PLAN_SOURCE = "Startad från {plan}"
PLAN_SUMMARY = "{contents} förda över"
PLAN_PREVIEW = {
    "start": "{name} startas från {old}.",
    "carried": "Förs över: {contents}.",
    "left": "Stannar i {old}: {what}.",
    "nothing_left": "Allt förs över; ingenting stannar i den gamla planen.",
    "goals": "mål {codes}",
    "measures": "åtgärder {codes}",
    "indicators": "indikatorer {codes}",
    "targets_left": ("Målvärden för ett år i {old} förs inte över (de gäller den planen): {targets}. Nya målvärden "
                     "sätts under Katalog och år."),
    "target": "{code} ({value} år {year})",
}
PLAN_PREVIEW_BUTTON = "Förhandsgranska den nya planperioden"
ADMIN = {
    "unknown_indicator": "Indikatorn {code} finns inte i den gällande katalogen.",
    "bad_direction": "Riktningen måste vara 1 (högre är bättre), -1 (lägre är bättre) eller 0 (ingen).",
    "target_needs_year": "Ett mål behöver både målvärde och målår.",
    "share_target": "Målvärdet för en andel ligger mellan 0 och 100.",
    "break_needs_text": "Beskriv vad som ändrades i definitionen.",
    "break_year": "Seriebrottets år {year} ligger utanför {first}–{last}. Ingenting ändrades.",
    "break_twice": "Indikator {code} har redan ett seriebrott från {year} ({description}). Ingenting ändrades.",
}
CATALOG_INTRO = (
    "Länsstyrelsens samordnare reviderar katalogen för den valda planperioden: målens texter, åtgärder med "
    "ansvariga och frekvens, indikatorer (lägg till, ändra, pensionera – inget tas bort), riktning och mål, "
    "seriebrott, publicerade siffror med källa, befolkning från SCB, rapporteringsår och nästa planperiod. Varje "
    "ändring förhandsgranskas och sparas som en ny katalogrevision som gäller från ett valt år."
)
CATALOG_INDICATOR = "Indikator"
CATALOG_DIRECTION = "Riktning"
CATALOG_TARGET = "Målvärde"
CATALOG_TARGET_YEAR = "Målår"
CATALOG_NO_TARGET = "Inget mål"
CATALOG_SAVE = "Spara indikatorn"
BREAKS_TITLE = "Seriebrott"
BREAK_YEAR = "Från år"
BREAK_TEXT = "Vad ändrades?"
BREAK_SAVE = "Lägg till seriebrott"
BREAK_COLUMNS = {"indicator": "Indikator", "year": "Från år", "description": "Vad ändrades", "by": "Sparat av"}
BREAK_OPTION = "{code} från {year}: {description}"
BREAK_REMOVE_PICK = "Seriebrott att ta bort"
BREAK_REMOVE = "Ta bort seriebrottet"
YEARS_TITLE = "Rapporteringsår"
YEAR_TO_OPEN = "År"
YEAR_DEADLINE = "Sista dag för inrapportering"
YEAR_SAVE = "Öppna året / ändra sista dag"
AUDIT_INTRO = "Varje ändring i verktyget: vem, när, vad, före och efter."
AUDIT_USER = "Användare"
AUDIT_ACTION = "Händelse"
AUDIT_ALL = "Alla"
AUDIT_HIDE_FAILED = "Dölj misslyckade inloggningar"
AUDIT_EXTENT = ("Visar de senaste {shown} av {found} händelser, också i CSV-filen. Välj en användare eller en "
                "händelse, eller dölj misslyckade inloggningar, för att se äldre.")
AUDIT_COLUMNS = {"id": "Nr", "at": "Tid", "user_name": "Användare", "action": "Händelse",
                 "entity": "Gäller", "entity_id": "Id", "summary": "Beskrivning", "before": "Före", "after": "Efter"}
AUDIT_ACTIONS = {  # the log's kinds of event, as a person reads them (the codes are stored)
    "login": "Inloggning", "login_failed": "Misslyckad inloggning", "logout": "Utloggning",
    "user_add": "Konto skapat", "user_change": "Konto ändrat", "upload": "Inrapportering sparad",
    "rollback": "Inrapportering ångrad", "approve": "Inrapportering godkänd", "return": "Inrapportering återsänd",
    "catalog_edit": "Indikator ändrad", "series_break": "Seriebrott",
    "series_break_removed": "Seriebrott borttaget", "reporting_year": "Rapporteringsår öppnat",
    "year_reopen": "Rapporteringsår öppnat igen", "replace": "Inrapportering ersatt",
    "publish": "Lägesrapport publicerad", "meeting_note": "Mötesanteckning", "group_save": "Jämförelsegrupp sparad",
    "group_delete": "Jämförelsegrupp borttagen", "analysis": "Analys sparad",
    "catalog_revision": "Katalogrevision sparad", "plan_new": "Planperiod startad",
    "population_import": "Befolkning inläst", "reference_import": "Publicerade siffror inlästa",
}
AUDIT_ENTITIES = {"user": "Konto", "batch": "Inrapportering", "indicator": "Indikator",
                  "reporting_year": "Rapporteringsår", "publication": "Lägesrapport", "meeting_note": "Mötesanteckning",
                  "comparison_group": "Jämförelsegrupp", "import_batch": "Inläsning", "plan_period": "Planperiod",
                  "population": "Befolkning", "report_analysis": "Analys"}
# The state before and after an event, as the log shows it: each stored key's Swedish name (an unknown key as it is)
AUDIT_FIELDS = {
    "status": "status", "checksum": "kontrollsumma", "year": "år", "replaces": "ersätter", "locked_year": "låst år",
    "replaced_by": "ersatt av", "note": "anteckning", "restored": "återställda", "source": "källa",
    "deadline": "sista dag", "reopened_until": "öppet till och med", "reason": "skäl", "file": "fil", "years": "år",
    "rows": "rader", "changed": "ändrade", "codes": "koder", "from": "från", "goals": "mål", "measures": "åtgärder",
    "indicators": "indikatorer", "revision": "katalogrevision", "from_year": "gäller från", "areas": "områden",
    "notes": "anteckningar", "decisions": "beslut", "text": "text", "description": "beskrivning",
    "direction": "riktning", "target_value": "målvärde", "target_year": "målår", "username": "användarnamn",
    "role": "roll", "agency_id": "myndighet (nr)", "is_active": "aktiv", "password_set": "lösenord satt",
    "display_name": "namn", "summary": "ändringar",
}
AUDIT_EXPORT = "Hämta loggen (CSV)"
USERS_INTRO = "Konton och roller. Med organisationsinloggning (OIDC) är användarnamnet e-postadressen."
USERS_COLUMNS = {"username": "Användarnamn", "display_name": "Namn", "role": "Roll", "agency": "Myndighet",
                 "is_active": "Aktiv", "is_demo": "Demo", "failed_logins": "Misslyckade inloggningar"}
USER_ADD = "Nytt konto"
USER_NAME = "Användarnamn (e-post vid organisationsinloggning)"
USER_DISPLAY = "Namn"
USER_ROLE = "Roll"
USER_AGENCY = "Myndighet (för rapportörer)"
USER_NO_AGENCY = "Ingen"
USER_PASSWORD = "Lösenord (minst 12 tecken; tomt = bara organisationsinloggning)"
USER_ADDED = "Kontot {username} är skapat."
USER_SAVE = "Skapa kontot"
USER_CHANGE = "Ändra konto"
USER_PICK = "Konto"
USER_ACTIVE = "Aktivt"
USER_UPDATE = "Spara ändringen"

# --- Lägesrapport, publishing and meetings ----------------------------------------------------------------

REPORT = {
    "title": "Regional lägesrapport {year}",
    "code": "Nr",  # a measure's number in the Word file's narrow column ("Åtgärd" was split inside the word)
    "made": "Sammanställd",
    "approved_only": "Rapporten bygger på godkända siffror.",
    "published_version": "Publicerad version {version} ({date}).",
    "incl_submitted": "Rapporten innehåller även inskickade, ej godkända siffror (utkast).",
    "example_note": "OBS: Innehåller exempeldata (påhittade siffror för demonstration), märkta Exempeldata.",
    "status_distribution": "Åtgärdernas genomförande (antal åtgärder)",
    "report_distribution": "Rapporter om åtgärderna",
    "combined": "Åtgärdens genomförande (sammanvägt)",
    "measure_state": "{state} ({reported} av {expected} har rapporterat)",
    "with_submitted": "med inskickade, ej godkända rapporter",
    "no_statuses": "Ingen status rapporterad",
    "status": "Status",
    "agency": "Myndighet",
    "description": "Beskrivning",
    "goal_title": "Mål",
    "sentence": "Textförslag",
    "target": "Mål {value} ({year})",
    "sheet_summary": "Sammanfattning",
    "sheet_measures": "Åtgärder",
    "sheet_values": "Värden",
    "sheet_sentences": "Textförslag",
    "value": "Värde",
    "implementation": "Genomförande (antal åtgärder)",
    "outcomes": "Utfall (antal åtgärder)",
    "no_outcomes": "Inget bedömt utfall",
    "reporting": ("Rapportering {year}: {done} av {total} myndigheter och kommuner har skickat in{approved}; "
                  "{reports} av {expected} väntade rapporter om åtgärder."),
    "reporting_approved": ", {n} godkända",  # not in a version published before it was counted
    "changes": "Största förändringarna sedan {year}",
    "appendix": "Bilaga: myndigheternas och kommunernas rapporter",
    "appendix_none": "Ingen myndighet har rapporterat om målets åtgärder för {year}.",
    "appendix_intro": ("Varje ansvarig myndighets och kommuns status och beskrivning per åtgärd, som de "
                       "rapporterade dem. Åtgärdens sammanvägda genomförande står i målets tabell."),
    "sheet_appendix": "Bilaga rapporter",
    "continued": "{title} (forts.)",
}
REPORT_STEPS = {"charts": "Ritar {n} diagram och sätter ihop filen …", "file": "Skriver filen …",
                "done": "Klar på {seconds} s."}
ANALYSIS = {
    "county": "Sammanfattning för länet",
    "goal_heading": "Analys",
    "summary_heading": "Sammanfattning",
    "shown": "Samordnarens analys i lägesrapport {year}",
    "none": "Samordnaren har inte skrivit någon analys av målet för {year} ännu.",
    "draft_goal": "Målets {measures} åtgärder: {states}.",
    "draft_county": "Lägesrapport {year}: handlingsplanens {measures} åtgärder: {states}.",
    "edit_title": "Analys och sammanfattning",
    "edit_intro": ("Skriv analysen av utvecklingen per mål och en kort sammanfattning för länet. Texten kommer med "
                   "i alla format och fryses när rapporten publiceras. Den visas som vanlig text."),
    "pick": "Text att skriva",
    "text": "Text",
    "proposal": "Inget är sparat ännu: fältet visar ett förslag ur rapportens siffror och textförslag.",
    "save": "Spara texten",
    "history": "Tidigare versioner ({n})",
    "history_columns": {"saved_at": "Sparad", "author": "Av", "text": "Text"},
}
REPORT_FORMATS = {"pptx": "PowerPoint (styrgruppen)", "pdf": "PDF (publicering)", "docx": "Word (årsredovisningen)",
                  "xlsx": "Excel (alla siffror)"}
REPORT_PAGE_INTRO = (
    "Lägesrapporten för ett år: först sammanfattningen som den står på rapportens första sida, sedan filerna – "
    "PowerPoint för styrgruppen, PDF för publicering, Word att klistra in i årsredovisningen och Excel med alla "
    "siffror och deras källor. Filerna skapas först när du klickar."
)
REPORT_BUILD = "Skapa {name}"
REPORT_DOWNLOAD = "Hämta {file}"
REPORT_BUILDING = "Skapar {name} …"
PUBLISH_TITLE = "Publicering"
PUBLISH_INTRO = (
    "Att publicera fryser det rapporten visar nu (godkända siffror, statusar och texter) som en ny version. "
    "Senare rättelser ändrar aldrig en publicerad version; en ny publicering blir en ny version."
)
PUBLISH_CONFIRM = "Jag vill publicera lägesrapport {year} som version {version}"
PUBLISH_EARLY = ("Rapporteringen för {year} är inte avslutad ({why}). Att publicera nu låser året: ingen myndighet "
                 "kan rapportera för {year} förrän en Samordnare öppnar året igen under Katalog och år.")
PUBLISH_EARLY_WHY = {"not_opened": "året är inte öppnat för inrapportering än",
                     "deadline": "sista dag för inrapportering är {deadline}",
                     "reopened": "året är öppnat igen till {until}",
                     "no_deadline": "året har ingen sista dag"}
PUBLISH_EARLY_ASK = "Bekräfta att du vet det för att publicera."
PUBLISH_EARLY_CONFIRM = "Jag vet att rapporteringen för {year} inte är avslutad och att publiceringen låser året"
PUBLISH_BUTTON = "Publicera lägesrapport {year}"
PUBLISHED = "Lägesrapport {year} är publicerad som version {version}."
PUBLICATIONS_COLUMNS = {"year": "År", "version": "Version", "published_at": "Publicerad", "published_by": "Av",
                        "checksum": "Kontrollsumma"}
NO_PUBLICATIONS = "Lägesrapport {year} är inte publicerad ännu."
COMPARE_PICK = "Jämför publicerad version med dagens rapport"
COMPARE_NONE = ("Inga skillnader: den publicerade versionen visar samma siffror, statusar, beskrivningar, analyser och "
                "katalogtexter som i dag.")
COMPARE_ANALYSIS = "Analys: {what}"
COMPARE_OUTCOMES = "Utfall (åtgärdernas indikatorer)"
COMPARE_STATE = "Åtgärd {code}, genomförande"
COMPARE_GOAL = "Mål {n} i rapporten"
COMPARE_TITLE = "Mål {n}, rubrik"
COMPARE_MEASURE_TEXT = "Åtgärd {code}, text"
COMPARE_AGENCIES = "Åtgärd {code}, ansvariga"
COMPARE_DESCRIPTION = "Åtgärd {code} ({agency}), beskrivning"
COMPARE_TARGET = "{code}, målvärde"
COMPARE_CATALOG = "Planperiod och katalogrevision"
COMPARE_REPORTING = "Rapporteringen (rapportens första rad)"
COMPARE_REPORTING_LINE = "{agencies_reported} av {agencies} inskickade{approved}, {reports} av {expected} rapporter"
COMPARE_REPORTING_APPROVED = REPORT["reporting_approved"]  # the comparison names approved returns as the report
COMPARE_MEASURE = "Åtgärd {code} i rapporten"
COMPARE_COLUMNS = {"goal": "Mål", "what": "Vad", "year": "År", "published": "Publicerat", "current": "I dag"}
COMPARE_COUNT = ("{n} mellan version {version} och dagens rapport (godkända siffror och statusar, sparade analyser "
                 "och katalogens texter).")
PUBLISHED_FILES = "Hämta den publicerade versionen {version} som"
MEETING_DATE = "Mötesdatum"
MEETING_TITLE = "Styrgruppsmöte {date}"
MEETING_SUBTITLE = "Operation Kvinnofrid – uppföljning av handlingsplan {period}, rapporteringsår {year}"
MEETING_PREV = "◀ Föregående"
MEETING_NEXT = "Nästa ▶"
MEETING_SCREEN = "Bild {n} av {total}"
MEETING_OVERVIEW = "Översikt: åtgärdernas status per mål"
MEETING_LAST_DECISIONS = "Beslut från förra mötet ({date})"
MEETING_NO_PREVIOUS = "Inga sparade beslut från tidigare möten."
MEETING_CHANGES = "Nytt sedan förra mötet"
MEETING_NO_CHANGES = "Inga nya inrapporteringar sedan förra mötet."
MEETING_CHANGES_LINE = ("Inrapportering nr {id} ({agency}, {year}): {new} nya och {changed} ändrade värden, "
                        "{statuses} statusar – {status}")
MEETING_NOTES = "Anteckningar"
MEETING_DECISIONS = "Beslut"
MEETING_SAVE = "Spara anteckningar och beslut"
MEETING_SAVED = "Sparat {time}."
MEETING_LOG = "Beslutslogg för målet"
MEETING_CHART_TABLE = "Siffrorna bakom diagrammet"
MEETING_CHART_UNIT = "({unit})"  # after a slide chart's title: the unit of its axis
MEETING_ATTENTION = "Åtgärder som rapporterats som försenade eller avbrutna"
MEETING_MISMATCH = "Rapporterad status och utfall går isär"
MEETING_NO_MISMATCH = "inga åtgärder."
MEETING_MISMATCH_LINE = "rapporterad som genomförd, men utfallet är {outcome}"
MEETING_NO_ATTENTION = "Inga åtgärder är rapporterade som försenade eller avbrutna."
MEETING_ATTENTION_LINE = "{icon} **{code}** {text}  \n{responsible}: {agencies}. {reports}"
MEETING_RESPONSIBLE = "Ansvariga"
MEETING_REPORTED_BY = "{status} enligt {agencies}"
MEETING_MORE = "… och {n} till."
MEETING_MORE_LINK = "… och {n} till: [{where}]({url})."
MEETING_MORE_GOAL = "alla åtgärder på sidan Mål {n}"
MEETING_MORE_HISTORY = "alla inskickningar på sidan Historik"
MEETING_OLDER = "Utan diagram, senaste värdet äldre än {first} eller bara ett värde: {items}."
MEETING_OLDER_ITEM = "{code} {name} {value} (år {year})"
MEETING_GOAL_CHANGES = "Nytt för målet {year} sedan förra mötet ({date})"
MEETING_GOAL_CHANGES_ALL = "Inrapporterat för målet {year}"
MEETING_GOAL_CHANGES_LINE = "{uploads} ({which}): {values} värden och {statuses} statusar om målet."
MEETING_GOAL_CHANGES_UPLOAD = "nr {id} {agency}"
UPLOADS = ("inrapportering", "inrapporteringar")  # formatting.fmt_quantity
MEETING_NO_GOAL_CHANGES = "inget."
MEETING_START = "Inledning"
MEETING_KEYS = "Byt bild med → och ← eller Page Down och Page Up."
MEETING_REPORTS = "Rapporter om åtgärderna ({reported} av {expected} väntade): {reports}"
STATUS_ICONS = {Implementation.NOT_STARTED: "○", Implementation.ONGOING: "◐", Implementation.DONE: "●",
                Implementation.DELAYED: "⚠", Implementation.CANCELLED: "✕", MeasureState.NOT_REPORTED: "–"}

# --- Progress statuses (docs/metod.md) ---------------------------------------------------------------------

PROGRESS_RULES = {
    "not_quantitative": "beskrivande indikatorer och milstolpar får ingen beräknad status.",
    "no_direction": "indikatorn har ingen riktning (högre är inte säkert bättre); bara utvecklingen visas.",
    "insufficient": "det behövs minst två värden.",
    "target_reached": "senaste värdet har nått målvärdet i rätt riktning.",
    "ratio": "R = riktning × årlig förändring ÷ |årlig förändring som krävs för målet|; R ≥ 0,95 i rätt takt, "
             "0,60–0,95 för långsamt, 0–0,60 begränsade framsteg, R < 0 försämring.",
    "p": "P = riktning × årlig förändring (utan mål); P ≥ 1,5\u00a0% betydande, 0,5–1,5\u00a0% måttliga, 0–0,5\u00a0% "
         "begränsade framsteg, P < 0 försämring.",
    "noise": "förändringen ryms inom det slumpmässiga bruset (95\u00a0%), så ingen säker förändring kan utläsas.",
    "zero_base": "Basvärdet är 0, så årlig procentuell förändring är odefinierad: jämförelsen görs i absolut "
                 "förändring per år mot den förändring per år som krävs.",
    "zero_base_no_target": "Basvärdet är 0 och inget mål finns: bara förändringens riktning bedöms.",
    "breakdowns": "Ingen länssiffra (serie utan uppdelning) finns, så indikatorn visar den sämst placerade av "
                  "sina {n} serier i uppdelningar. Fördelning: {dist}.",
    "breakdown_one": "Ingen länssiffra (serie utan uppdelning) finns, så indikatorn visar sin enda serie i en "
                     "uppdelning. Fördelning: {dist}.",
    "development": "utvecklingsindikator: datakällan tas fram under handlingsplansperioden.",
    "no_values": "inga värden ännu; det behövs minst två.",
    "sign_change": "basvärdet ({y0}) och senaste värdet ({y1}) har olika tecken, så den årliga förändringen i "
                   "procent går inte att räkna; därför ges ingen status (som i Open SDG).",
    "no_base": "inget värde att jämföra med: basåret {baseline} och de två åren före det saknar värde, och senaste "
               "året ({year}) är det enda året efter basåret med värde; äldre värden används inte.",
    "no_base_latest": "inget värde att jämföra med: basåret {baseline} är senaste året med värde och de två åren "
                      "före det saknar värde; äldre värden används inte.",
    "no_base_old": "inget värde att jämföra med: senaste året ({year}) ligger före basåret {baseline} och inget "
                   "tidigare år inom två år före basåret har värde; äldre värden används inte.",
    "target_left": "målvärdet var nått basåret men senaste värdet har lämnat det: försämring (som i Open SDG).",
    "target_zero": "Målvärdet är 0 eller lägre, så årlig procentuell förändring mot målet är odefinierad: "
                   "jämförelsen görs i absolut förändring per år mot den förändring per år som krävs.",
    "negative_base": "Basvärdet är negativt och målvärdet positivt, så årlig procentuell förändring mot målet är "
                     "odefinierad: jämförelsen görs i absolut förändring per år mot den förändring per år som krävs.",
    "absolute": "Förändring per år: {change}; krävs för målet: {needed} per år.",
    "negative": "Båda värdena är negativa: den årliga förändringen räknas på beloppen med omvänt tecken (som i "
                "Open SDG), så att en rörelse mot noll räknas som en ökning.",
    "target_year": ("Målåret {year} ligger inte efter basåret, så jämförelsen görs i absolut förändring per år mot den "
                    "förändring som krävs på ett år."),
}
PROGRESS_NOISE = {
    "count": "Brustest: |förändringen| {diff} jämfört med 1,96·√(x0 + x1) = {limit}.",
    "share": "Brustest: tvåprocentstest, |z| = {z} (gräns 1,96).",
    "share_flat": "Brustest: tvåprocentstest, andelen är {share} båda åren, så ingen förändring kan påvisas.",
    "count_zero": "Brustest: båda antalen är 0, så ingen förändring kan påvisas.",
}
PROGRESS_EXPLAIN = {
    "base": "Basår {year}: {value}.",
    "latest": "Senaste år {year}: {value}.",
    "target": "Mål: {value} år {year}.",
    "cagr": "Årlig förändring: {value}\u00a0%.",
    "required": "Krävs för målet: {value}\u00a0% per år.",
    "ratio": "R = {value}.",
    "p": "P = {value}\u00a0%.",
    "base_before": "Basåret {baseline} saknar värde, så närmaste år före inom två år används: {year}.",
    "base_before_latest": "Basåret {baseline} är senaste året med värde, så närmaste år före inom två år används "
                          "som basår: {year}.",
    "base_after": "Basåret {baseline} och de två åren före saknar värde, så första året efter med värde används: "
                  "{year}.",
}
CHARTS = {
    "total": "Totalt",
    "line": "{name}: {v0} år {y0} och {v1} år {y1}.",
    "point": "{name}: {v1} år {y1}.",
    "no_data": "Inga värden att visa.",
    "county_line": "Stockholms län",
    "bars": "{title}: {areas}. Högst {top} ({top_value}), lägst {low} ({low_value}).",
    "bar": "{title}: {areas}, {top} ({top_value}).",
    "bars_equal": "{title}: {areas}, alla {top_value}.",
}
PROGRESS_VIEW = {
    "distribution": "Åtgärdernas utfall {year}",
    "implementation": "Åtgärdernas genomförande {year} (antal åtgärder)",
    "before_plan": "– följs upp från {start}, handlingsplanens första år",
    "reports": "Rapporter om åtgärderna ({reported} av {expected} väntade): {reports}",
    "implementation_help": ("En åtgärd räknas en gång. Dess genomförande vägs samman ur de ansvariga myndigheternas "
                            "rapporter: försenad om någon är försenad, genomförd när alla har rapporterat genomförd, "
                            "avbruten när alla har avbrutit, ej påbörjad när ingen har börjat, annars pågående."),
    "mismatch": "⚠ Rapporterad som genomförd men utfallet är försämring: {codes}",
    "completeness": ("Rapportering {year}: {done} av {total} myndigheter och kommuner har skickat in, "
                     "{approved} godkända"),
    "changes": "Förändringar sedan {year}",
    "movements": "Största förändringarna i siffrorna",
    "no_changes": "Inga jämförbara värden för båda åren.",
    "change_line": "{verdict} – {indicator} {name}: {before} → {after} ({change})",
    "movements_help": ("Ordnade efter hur säkert förändringen skiljer sig från slumpvariation, med samma test som "
                       "statusmetoden: för antal |x₁ − x₀| mot √(x₀ + x₁), för andelar ett test av två andelar. "
                       "Under 1,96 ligger förändringen inom slumpvariationen. Per 100 000 invånare och index "
                       "prövas inte och står sist. Förbättring eller försämring enligt indikatorns riktning."),
    "score": "Statuspoäng (egen skala, sekundärt mått, −5 till +5): {score}, medelvärdet för {scored} av {series} "
             "länsserier",
    "col_impl": "Genomförande {year}",
    "state_reports": "{state} – rapporter: {reports} ({reported} av {expected})",
    "col_outcome": "Utfall {year}",
    "col_trend": "Senaste värde",
    "measure_pick": "Åtgärd att visa i detalj",
    "measure_texts": "Åtgärdernas hela texter",
    "measure_detail": "Åtgärd {code} i detalj",
    "breakdown_pick": "Uppdelning",
    "no_breakdown": "Ingen (länet totalt)",
    "explain": "Hur statusen räknades fram",
    "descriptions": "Rapporterad status och beskrivning per år",
    "data_table": "Siffrorna bakom diagrammet",
    "col_member": "Uppdelning",
    "col_value": "Värde",
    "col_source": "Källa",
    "no_values": "Indikatorn har inga värden ännu.",
    "milestone_reached": "Milstolpe nådd: Ja, sedan {year}.",
    "milestone_not": "Milstolpe inte nådd: {value} ({year}).",
    "milestone_none": "Milstolpe: inget svar ännu.",
    "indicators": "Indikatorernas status {year}",
    "outcome_changes": "Ändrat utfall för åtgärder",
    "outcome_line": "Åtgärd {measure}: {before} → {after}",
    "implementation_changes": "Ändrad rapporterad status",
    "score_help": "Medelvärdet av poängen för indikatorernas länsserier (serierna utan uppdelning) enligt en fast "
                  "tabell: +5 målvärdet nått, i rätt takt eller betydande framsteg; +2 för långsamt eller måttliga "
                  "framsteg; 0 begränsade framsteg eller ingen säker förändring; −5 försämring. Serier med "
                  "otillräckliga data eller som inte bedöms räknas inte. Det är inte Open SDG:s poäng, som räknas "
                  "steglöst ur R eller P (där ger till exempel begränsade framsteg mellan −2,5 och 0). Ett sekundärt "
                  "mått: fördelningen ovan är det som gäller.",
    "no_outcome_changes": "Inga åtgärder har ändrat utfall sedan förra året.",
    "transition_line": "{before} → {after}: **{n}**",
    "all_changes": "Alla ändringar per åtgärd och ansvarig ({n})",
    "col_before": "Förra året",
    "col_after": "I år",
}
CHANGE_VERDICTS = {  # what a change since last year means (domain.ChangeVerdict), icon and text (held together)
    ChangeVerdict.BETTER: "▲\u00a0Förbättring", ChangeVerdict.WORSE: "▼\u00a0Försämring",
    ChangeVerdict.NOISE: "≈\u00a0Inom slumpvariationen",
    ChangeVerdict.UNTESTED_BETTER: "△\u00a0Förbättring (inte prövad mot slumpvariation)",
    ChangeVerdict.UNTESTED_WORSE: "▽\u00a0Försämring (inte prövad mot slumpvariation)",
    ChangeVerdict.UNDIRECTED: "↕\u00a0Säker förändring (indikatorn har ingen riktning)",
}
REPORTING_STATES = {  # where an agency's return stands (domain.ReportingState), icon and text
    ReportingState.NOT_STARTED: "○\u00a0Ej påbörjad", ReportingState.SUBMITTED: "◐\u00a0Inskickad",
    ReportingState.APPROVED: "●\u00a0Godkänd", ReportingState.RETURNED: "↩\u00a0Återsänd",
}
# approved, and a correction waits for review
REPORTING_CORRECTION_WAITING = "●\u00a0Godkänd, ◐\u00a0rättelse inskickad"
DAYS = ("dag", "dagar")  # formatting.fmt_quantity: 1 dag, 3 dagar
REPORTING_RATE = {
    "intro": "Alla {total} myndigheter och kommuner som ska rapportera för {year}: var inrapporteringen står, om den "
             "kom in i tid, hur stor andel av de förväntade värdena den innehåller och när den senast laddades upp. "
             "Ett värde som bekräftats oförändrat i en inrapportering räknas som rapporterat.",
    "deadline": "Sista dag för {year}: {deadline}.",
    "no_deadline": "Rapporteringsår {year} är inte öppnat och har ingen sista dag.",
    "only_missing": "Visa bara ej rapporterat",
    "reported": "Har skickat in",
    "waiting": "Väntar på granskning",
    "returned": "Återsända",
    "late": "Försenade",
    "col_agency": "Myndighet",
    "col_state": "Läge",
    "col_time": "I tid?",
    "col_share": "Andel förväntade värden",
    "col_values": "Värden",
    "col_last": "Senaste uppladdning",
    "col_uploads": "Uppladdningar",
    "on_time": "✓ I tid",
    "days_late": "⚠ {days} sent",
    "not_due": "Sista dag ej passerad",
    "values": "{reported} av {expected}",
    "none_missing": "Alla har rapporterat för {year}.",
}
AGENCY_VIEW = {
    "pick": "Myndighet",
    "measures": "Åtgärder som {agency} ansvarar för",
    "indicators": "Indikatorer",
    "reporting": "Rapporterat mot förväntat per år",
    "missing": "Saknade värden {year}",
    "none_missing": "Inga förväntade värden saknas för {year}.",
    "latest": "Senaste inrapportering för {year}: nr {id}, {when}, {user} ({status}).",
    "no_upload": "{agency} har inte laddat upp något för {year} ännu.",
    "overdue": "⚠ Försenad: sista dag för {year} var {deadline}.",
    "deadline": "Sista dag för {year}: {deadline}.",
    "not_due": "– (sista dag ej passerad)",  # a year not yet due with nothing reported: no share to speak of
    "columns": {"year": "År", "expected": "Förväntade värden", "reported": "Rapporterade", "share": "Andel",
                "statuses": "Åtgärdsstatusar"},
    "counted": ("Räknar värden i myndighetens inskickade och godkända inrapporteringar (uppladdade filer), inte "
                "värden som lästs in på annat sätt: exempeldatabasens grundsiffror och publicerad statistik. "
                "Förväntade värden är raderna i myndighetens mall för året."),
}
VIOLENCE_VIEW = {
    "pick": "Våldstyper",
    "intro": "Varje indikator som delas upp på våldstyp, en liten graf per indikator. Färgerna är desamma i hela "
             "verktyget: Nära relationer blå, Heder orange, Prostitution/människohandel grön, Sexuellt våld lila.",
    "per_capita": "Per 100 000 invånare (för antal personer eller händelser)",
    "empty": "Inga värden för de valda våldstyperna.",
    "compare": "Jämför år",
    "data": "Siffrorna bakom diagrammen",
}
MUNICIPALITY_VIEW = {
    "pick": "Indikator",
    "measure": "Mått",
    "counts": "Antal",
    "per_capita": "Per 100 000 invånare",
    "suppress": "Visa antal under 5 som ”<5”",
    "intro": "De 26 kommunerna sida vid sida, sorterade, med länet som referenslinje.",
    "none": "Inga indikatorer har värden per kommun ännu.",
    "no_values": "Inga värden per kommun för {year}.",
    "years_title": "Kommunerna över åren",
    "years_intro": ("Varje ruta visar talet; färgen är bara ett stöd – ju mörkare, desto högre värde inom tabellen. "
                    "”–” betyder inget värde."),
    "years": "År",
    "no_year_values": "Inga värden per kommun för de valda åren.",
    "area_column": "Område",
}
COMPARISON_GROUPS = {  # Kommuner's saved groups of municipalities (okdata.groups)
    "pick": "Jämförelsegrupp",
    "all": "Alla kommuner",
    "manage": "Spara eller ta bort en jämförelsegrupp",
    "name": "Gruppens namn",
    "areas": "Kommuner i gruppen",
    "save": "Spara gruppen",
    "delete": "Ta bort gruppen",
    "delete_pick": "Grupp att ta bort",
    "only_yours": "Grupperna är dina egna: ingen annan ser dem.",
    "name_missing": "Skriv ett namn på gruppen. Ingenting sparades.",
    "name_long": "Namnet får vara högst {n} tecken. Ingenting sparades.",
    "no_areas": "Välj minst en kommun. Ingenting sparades.",
    "unknown_areas": "Okända kommunkoder: {codes}. Ingenting sparades.",
}

# --- Progress views ---------------------------------------------------------------------------------------

TRENDS = {
    "column": "Utveckling",
    "batch": "inrapportering nr {id}",
    "breaks": "Seriebrott år {years}: värden före brottet jämförs inte med senare.",
    "break_label": "Seriebrott",
}
POPULATION_METHODS = {PopulationMethod.PUBLISHED: "publicerad", PopulationMethod.INTERPOLATED: "interpolerad",
                      PopulationMethod.CARRIED: "framskriven"}
COMPARISONS = {
    "per_capita_unit": "per 100 000 invånare",
    "population_interpolated": "befolkningen {years} är interpolerad mellan publicerade år",
    "population_carried": "befolkningen {years} är senast publicerade siffra framskriven",
    "population_some": " för {areas} ({n} av {total} kommuner)",
    "population_many": " för {n} av {total} kommuner",
    "population_alt": "Per 100 000 invånare: {note}.",
    "population": "Befolkning",
    "population_method": "Befolkningstal",
    "county_alt": "Länet som referenslinje: {value}.",
    "county_metric": "Stockholms län",
    "suppressed_note": "Antal under 5 visas som ”<5” utan stapel, också per 100 000 invånare, eftersom de kan "
                       "peka ut personer i små kommuner.",
    "no_county_line": "Länets antal gäller hela länet och går inte att jämföra med en kommuns; det ritas därför "
                      "inte som referenslinje.",
    "no_county_line_per_capita": " Välj Per 100 000 invånare för att jämföra kommunerna med länet.",
}
# The statuses of docs/metod.md (also the values `python -m okdata status` prints)
PROGRESS_STATUSES = {
    "target_reached": "Målvärdet nått", "on_track": "I rätt takt", "significant": "Betydande framsteg",
    "too_slow": "Framsteg, men för långsamt", "moderate": "Måttliga framsteg", "limited": "Begränsade framsteg",
    "no_certain": "Ingen säker förändring", "worse": "Försämring", "insufficient": "Otillräckliga data",
    "not_assessed": "Bedöms inte",
}
STATUS_LEVELS = {"series": "serie", "indicator": "indikator", "measure": "åtgärd", "goal": "mål"}

# --- Progress method at its edges (issue 21, docs/metod.md) ------------------------------------------------
