"""The 30 cases of the 2021 interview study of 30 municipalities (the Tørn project), retold in
our own words: the facts and figures are the study's, the sentences are ours.

Population: the study's figures (SSB, 2021). County: today's county.
"""

from __future__ import annotations

from dataclasses import dataclass

SOURCE = "Intervjuundersøkelse av 30 kommuner, Tørn-prosjektet (KS, 2021)"


@dataclass(frozen=True)
class BuiltIn:
    key: str
    place: str
    county: str
    population: int | None
    themes: tuple[str, ...]
    title: str
    summary: str
    done: str = ""
    results: str = ""
    arrangement: str = ""
    contact: str = ""


CASES: tuple[BuiltIn, ...] = (
    BuiltIn(
        "torn-ovre-eiker",
        "Øvre Eiker",
        "Buskerud",
        19709,
        ("welfare_technology", "competence"),
        "Medisinroboter og mestringsteam i hjemmetjenesten",
        "Hjemmetjenesten startet velferdsteknologien med elektronisk medisinstøtte fordi den "
        "ga gevinst tidlig, og lærte opp de ansatte med Velferdsteknologiens ABC.",
        "Dispensere med multidose fra apoteket minner brukeren på riktig medisin til riktig "
        "tid. Hjemmetjenesten fyller de fleste annenhver uke, noen fylles av pårørende. "
        "Mestringsagenter og mestringsteam hjelper brukerne å klare mer selv.",
        "Rundt 300 brukere har dispenser, og det frigjør mye tid i hjemmetjenesten.",
        contact="Kommunalsjef helse og omsorg",
    ),
    BuiltIn(
        "torn-midt-telemark",
        "Midt-Telemark",
        "Telemark",
        10461,
        ("fulltime_culture", "resource_groups", "leadership", "working_time"),
        "Fra sykefravær og innleie til fagmiljø og ledelse",
        "Kommunen har arbeidet med heltidskultur siden 2018, flyttet pengene fra innleie til "
        "kompetanse og gitt alle ansatte en faglig ressursgruppe.",
        "Nye arbeidstidsordninger og faglige ressursgrupper for alle. Pengene som gikk til "
        "vikarer ble brukt på kompetansebygging.",
        "Sykefraværet falt med om lag to tredeler (over 10 prosentpoeng), og innleien gikk "
        "tilsvarende ned. Færre avvik med legemidler og mindre sovemedisin. Lederne fikk tid "
        "til strategisk arbeid i stedet for fraværsoppfølging.",
    ),
    BuiltIn(
        "torn-kolstihagen",
        "Bergen – Kolstihagen sykehjem",
        "Vestland",
        285601,
        ("working_time", "fulltime_culture"),
        "Langvakter i helgene og årsturnus på Kolstihagen",
        "Sykehjemmet kartla bemanningen først og gikk så over til årsturnus uten grunnturnus, "
        "med langvakter på 13,5 timer i helgene.",
        "Kartleggingen i 2018 viste små stillinger og mange rene helgestillinger. 12,5 timer "
        "fikk ikke døgnplanen til å gå opp, så sykehjemmet søkte fagforeningene sentralt om "
        "13,5-timersvakter, en lang søknadsprosess.",
        "Gjennomsnittlig stillingsstørrelse økte fra 55 % til 72 %. Helgestillingene gikk fra "
        "36 (i snitt 15 %) til 18. Tillitsvalgte og ansatte er fornøyde: færre oppmøtedager, "
        "mer helgetillegg og et sterkere fagmiljø.",
        arrangement="long_shifts",
        contact="Virksomhetsleder ved sykehjemmet",
    ),
    BuiltIn(
        "torn-hallinghelse",
        "Hallinghelse (interkommunalt, Hallingdal)",
        "Buskerud",
        None,
        ("competence",),
        "Mobilt ferdighetsteam trener sykepleieprosedyrer",
        "Kommunene i Hallingdal fikk et team som reiser ut og trener ansatte i prosedyrer de "
        "sjelden gjør, i stedet for at de ringer legevakten.",
        "Teamet trener blant annet venekanyle, urinkateter, intravenøs behandling og "
        "smittevern i hjemmetjenesten og på sykehjem. Under pandemien holdt de fire "
        "webinarer på en time om smittevern. Kurset ProACT lærer ansatte å oppdage akutt "
        "sykdom tidlig.",
        "Gode tilbakemeldinger, og lavere terskel for å øve sammen etterpå.",
    ),
    BuiltIn(
        "torn-sor-varanger",
        "Sør-Varanger",
        "Finnmark",
        10103,
        ("competence",),
        "Helhetlig kompetansestrategi når rekrutteringen svikter",
        "Vanskelig rekruttering fikk kommunen til å lage én samlet strategi for kompetanse "
        "i helse og omsorg.",
    ),
    BuiltIn(
        "torn-hammerfest",
        "Hammerfest",
        "Finnmark",
        11331,
        ("working_time", "fulltime_culture", "leadership"),
        "Én turnusansvarlig for hele kommunen og langvakter i helg",
        "Medarbeiderne var med på å forme arbeidstidsordningen, og en egen stilling i "
        "HR-avdelingen lager alle turnusene i kommunen.",
        "Tre langvakter på rad i helgene ble for slitsomt og ble endret; nå starter uka etter "
        "langvaktshelgen tirsdag kveld, og nattevakten melder fra mandag morgen. "
        "Turnusstillingen lager turnus for alt fra sykehjem til brannstasjon og kulturhus og "
        "forvalter turnusprogrammet.",
        "Korttidssykefraværet ligger på 1,2 %. Lederne sparer tid og trenger mindre "
        "opplæring i bemanningsplanlegging.",
        arrangement="long_shifts",
        contact="Turnusansvarlig i HR-avdelingen",
    ),
    BuiltIn(
        "torn-lorenskog",
        "Lørenskog",
        "Akershus",
        42740,
        ("working_time", "fulltime_culture"),
        "Analysen som viste hvem som dekker fraværet",
        "Kommunen analyserte hvem som ble satt inn ved korttidsfravær og planlagt underskudd, "
        "og brukte funnene til å begrunne en ny arbeidstidsordning.",
        "",
        "Bare 14 % av fraværet ble dekket med samme kompetanse, og over halvparten av "
        "vikarene hadde annen utdanning eller var ufaglærte.",
    ),
    BuiltIn(
        "torn-melhus",
        "Melhus",
        "Trøndelag",
        16949,
        ("working_time",),
        "Tillitsvalgte med fra start da turnusen ble lagt om",
        "Tillitsvalgte og medarbeidere var med i omleggingen til langvakter. I bofellesskapet "
        "Moesgrinda deles dagen opp for vikarene.",
        "Det er vanskelig å få vikarer til å ta en langvakt på kort varsel, så vikarene settes "
        "inn i de travleste timene i stedet.",
        arrangement="long_shifts",
    ),
    BuiltIn(
        "torn-gjovik",
        "Gjøvik",
        "Innlandet",
        30395,
        ("task_sharing", "fulltime_culture", "working_time"),
        "Oppgavedeling som inngang til heltidskultur",
        "Kommunen begynte med hvem som gjør hvilke oppgaver, og bygde arbeidet med heltid og "
        "arbeidstidsordninger på det.",
    ),
    BuiltIn(
        "torn-haugesund",
        "Haugesund",
        "Rogaland",
        37323,
        ("task_sharing", "competence", "leadership"),
        "Oppgavedeling, kompetanse og en ABC for ledere",
        "Kommunen arbeider med oppgavedeling og kompetanse, og foreslår en innføringspakke i "
        "heltidsarbeid så avdelingsledere tør å innføre for eksempel langvakter.",
        "Innføringen bør vise hvordan oppgavene kan legges over uka, døgnet og året.",
    ),
    BuiltIn(
        "torn-asker",
        "Asker",
        "Akershus",
        94915,
        ("competence", "volunteering"),
        "Innbyggerinvolvering og Røykenmodellen for kompetanse",
        "Asker legger vekt på innbyggerinvolvering og bærekraft, og tok over Røykenmodellen: "
        "sykepleiere valgte selv hva de ville lære og ble testet før og etter.",
        "Opplæringen gjaldt blant annet blodtrykk, trykksår, leggsår, kompresjon, PICC-line "
        "og smittevern, i partnerskap med USN og KS.",
        "Prosjektet ble stanset av pandemien.",
    ),
    BuiltIn(
        "torn-indre-ostfold",
        "Indre Østfold (Eidsberg)",
        "Østfold",
        45201,
        ("competence",),
        "Toårig traineeprogram for nye sykepleiere",
        "Nyutdannede sykepleiere roterte i to år gjennom alle fem avdelinger og en periode "
        "på sykehuset, med fast mentor og veileder.",
        "En tidel av arbeidstiden gikk til faglig utvikling. Programmet var et pilotprosjekt "
        "og er avsluttet; kommunen vil gjerne ta med helsefagarbeidere neste gang.",
        "Nye sykepleiere fikk faglig trygghet før de fikk ansvar for en hel avdeling.",
    ),
    BuiltIn(
        "torn-siljuslatten",
        "Bergen – Siljuslåtten sykehjem",
        "Vestland",
        285601,
        ("competence", "task_sharing", "volunteering"),
        "Sykepleiere i stab og ergoterapeuter i turnus",
        "Sykepleierne er samlet i stab og dekker hele sykehjemmet, og ergoterapeuter går i "
        "pleien med én egen fagdag i uka.",
        "Hver sykepleier har primæransvar for ti beboere og sekundæransvar for ti til. "
        "Frivillighetskoordinatorstillingen er delt i 80 og 20 prosent.",
        "Både sykepleiere og helsefagarbeidere får mer tid til kjerneoppgavene.",
        arrangement="annual_rota",
    ),
    BuiltIn(
        "torn-aseral",
        "Åseral",
        "Agder",
        927,
        ("task_sharing", "leadership"),
        "Ny organisering for en liten kommune",
        "En av landets minste kommuner organiserer tjenestene på nytt for å stå seg i årene "
        "som kommer.",
    ),
    BuiltIn(
        "torn-nannestad",
        "Nannestad",
        "Akershus",
        14637,
        ("working_time", "fulltime_culture"),
        "Arbeidstidsordninger valgt for heltid",
        "Kommunen ser turnusene sine i et heltidsperspektiv og prøver ordninger som gir "
        "større stillinger.",
        arrangement="annual_rota",
    ),
    BuiltIn(
        "torn-vadso",
        "Vadsø",
        "Finnmark",
        5642,
        ("working_time", "task_sharing"),
        "Tjenestestyrt og flat bemanning",
        "Bemanningen settes etter brukernes behov, og det er like mange på jobb alle dager, "
        "også i helgene.",
        "Tidligvakten begynner nå kl. 07 i stedet for 08 for å gi bedre frokost. Turnusen "
        "må vurderes på nytt minst to ganger i året.",
        "Pårørende møter faste ansatte i helgene. Lønnskostnadene øker, men kommunen mener "
        "en mer robust bemanning veier opp.",
        arrangement="flat_staffing",
    ),
    BuiltIn(
        "torn-salangen",
        "Salangen",
        "Troms",
        2089,
        ("leadership", "competence", "welfare_technology"),
        "Endringsleder og felles legetjeneste",
        "Den lille kommunen ansatte en endringsleder og laget sammen med nabokommunene en "
        "felles legetjeneste.",
        "Endringslederen driver velferdsteknologi og hjemmetjenesten fremover. Legepoolen har "
        "13 leger som betjener alle kommunene.",
        "Et sterkere fagmiljø for unge leger, men systemene var ikke laget for samarbeid "
        "over kommunegrensen.",
    ),
    BuiltIn(
        "torn-sandsli",
        "Bergen – Sandsli bo- og aktivitetssenter",
        "Vestland",
        285601,
        ("working_time", "competence", "fulltime_culture"),
        "Rene dag- og kveldsuker, team og valgfrie langvakter",
        "Ansatte går enten bare dagvakter eller bare kveldsvakter en uke om gangen, og kan "
        "velge langvakter eller vanlige vakter.",
        "De som går langvakt, går sammen, fordi tempoet er annerledes enn på korte vakter.",
        "Mer kontinuitet for ansatte og beboere, og ordningen oppleves helsefremmende.",
        arrangement="day_evening_weeks",
    ),
    BuiltIn(
        "torn-drammen",
        "Drammen",
        "Buskerud",
        101859,
        ("fulltime_culture",),
        "Bred involvering for heltidskultur",
        "Kommunen la opp en involveringsprosess med ansatte, tillitsvalgte og ledere med mål "
        "om heltidskultur.",
    ),
    BuiltIn(
        "torn-orsta",
        "Ørsta",
        "Møre og Romsdal",
        10830,
        ("fulltime_culture", "leadership"),
        "Heltid som en av fire pilarer i arbeidsgiverstrategien",
        "Heltidskultur er forankret i arbeidsgiverpolitikken og i partssamarbeidet, både i "
        "en trepartsgruppe og i lokale grupper.",
        "Arbeidet er knyttet til 10-FAKTOR, og kvalitet i tjenesten er det viktigste målet.",
        "Innleiekostnadene gikk ned med 75 %.",
    ),
    BuiltIn(
        "torn-molde",
        "Molde",
        "Møre og Romsdal",
        31870,
        ("task_sharing", "leadership"),
        "LEAN i hjemmetjenesten: én rapport om dagen",
        "Ansatte i hjemmetjenesten gikk selv gjennom rutinene med LEAN og spurte hvorfor ting "
        "ble gjort slik. Sykepleiere i turnus var pådrivere.",
        "Seks muntlige rapporter i døgnet ble til én ved vaktskiftet. Uferdige oppgaver "
        "overlates til neste vakt. Ansatte bestemte selv hva frigjort tid skulle brukes til.",
        "2,5 timer spart hver dag, roligere vakter, færre medisinavvik og slutt på overtid.",
    ),
    BuiltIn(
        "torn-ha",
        "Hå",
        "Rogaland",
        19120,
        ("volunteering",),
        "Frivillige i tjenestene: fordeler og fallgruver",
        "Kommunen har erfaring med både gevinster og utfordringer når frivillige bidrar i "
        "helse og omsorg.",
    ),
    BuiltIn(
        "torn-nordre-aker",
        "Oslo – Bydel Nordre Aker",
        "Oslo",
        52327,
        ("volunteering",),
        "Frivillighet på nye måter",
        "Bydelen prøver utradisjonelle former for frivillighet.",
    ),
    BuiltIn(
        "torn-haegebostad",
        "Hægebostad",
        "Agder",
        1690,
        ("task_sharing", "working_time"),
        "Personalet går mellom to avdelinger",
        "På sykehjemmet jobber de ansatte både i pleieavdelingen og i demensavdelingen, noe "
        "som gir en liten kommune fleksibilitet.",
        "Kommunen ser ikke frivillig deltid som et problem: mange jobber over 80 %.",
        "Bedre arbeidsmiljø, mer læring og lagfølelse, og lite konflikt med tillitsvalgte.",
    ),
    BuiltIn(
        "torn-sunndal",
        "Sunndal",
        "Møre og Romsdal",
        6956,
        ("working_time", "fulltime_culture"),
        "Ressurspool for dem som vil ha større stilling",
        "Ansatte som vil øke stillingen, legges i en felles pool. Egen avdeling tar først det "
        "den trenger, så kan de andre avdelingene bruke resten.",
        "Mange var skeptiske til å bytte avdeling i begynnelsen.",
        "Gjennomsnittlig stillingsprosent økte fra 58 % til 71 %. En undersøkelse viser at de "
        "fleste i poolen er fornøyde, og de fleste vaktene er i egen avdeling.",
        arrangement="resource_pool",
    ),
    BuiltIn(
        "torn-alna",
        "Oslo – Bydel Alna",
        "Oslo",
        49801,
        ("volunteering",),
        "Aktiv frivillighet i tjenestene",
        "Bydelen bruker frivillige aktivt og mener det er lettere å treffe riktig i en liten "
        "kommune der man kjenner folk.",
    ),
    BuiltIn(
        "torn-arendal",
        "Arendal",
        "Agder",
        45065,
        ("volunteering",),
        "Med hjerte for Arendal: samskaping med frivillige",
        "Et nettverk av nesten 100 lag, foreninger og menigheter samarbeider med kommunen, "
        "også om plansaker.",
        "Utbyggere må vise hvordan de vil nå frivilligheten før de legger fram planprogram. "
        "Ansatte kan være frivillige i arbeidstiden, og aksjonen «jeg gir deg min dag» gir "
        "en dag til frivillig arbeid.",
    ),
    BuiltIn(
        "torn-gran",
        "Gran",
        "Innlandet",
        13611,
        ("working_time",),
        "Tillitsvalgte og verneombud planla ny arbeidstidsordning",
        "Tillitsvalgte og verneombud satt med i planleggingen av den nye ordningen.",
    ),
    BuiltIn(
        "torn-fredrikstad",
        "Fredrikstad",
        "Østfold",
        83193,
        ("fulltime_culture", "leadership"),
        "Prekesjapper: samtaler som gir oppslutning om heltid",
        "Ledere, tillitsvalgte, verneombud og ansatte møtes til samtale om det som er uklart "
        "i heltidsarbeidet, ledet av to erfarne prosessledere.",
        "Hver samling har fire trinn: gruppearbeid, høsting i plenum, prosess i plenum og en "
        "forpliktende avslutning.",
        "Andre kommuner oppsøker Fredrikstad for å lære, og forskere trekker fram prosessen.",
    ),
    BuiltIn(
        "torn-bodo",
        "Bodø",
        "Nordland",
        52024,
        ("task_sharing", "competence"),
        "Pilot med oppgavedeling: riktig oppgave til riktig yrkesgruppe",
        "Fra februar 2021 kartla to sykehjem alle oppgaver på hver vakt gjennom en hel uke, "
        "for å la sykepleiere gjøre sykepleie.",
        "En spørreundersøkelse viste at halvparten ofte gjorde oppgaver utenfor sin "
        "kompetanse. Arbeidsgruppen laget en døgnrytmeplan og analyserte en hel uke.",
        "I stedet for flere sykepleiere ble resultatet en ny bemanningsplan, nye "
        "stillingsinstrukser og flere assistenter. Helsefagarbeiderne følte seg løftet.",
    ),
    BuiltIn(
        "torn-lesja",
        "Lesja",
        "Innlandet",
        2009,
        ("task_sharing", "fulltime_culture"),
        "Ansatte valgte oppgaver selv i en liten kommune",
        "Sykehjemmet kartla først lederens oppgaver og spurte så hver ansatt hva de var gode "
        "på og ville ta ansvar for. Oppgavedelingen ga sykepleierne tid til sykepleie.",
        "To helsefagarbeidere overtok turnusplanleggingen. Alle stillinger er nå over 75 %, "
        "og ufaglærte brukes bare når de tar fagbrev.",
        "Avvikene gikk kraftig ned, og det ble tid til turer og aktiviteter. Sykepleier kan "
        "lånes ut til hjemmesykepleien.",
    ),
    BuiltIn(
        "torn-alstahaug",
        "Alstahaug",
        "Nordland",
        7415,
        ("task_sharing", "fulltime_culture"),
        "Sykepleierteam og egen sykepleierturnus i en liten kommune",
        "En sommer fikk sykepleierne egen turnus og gjorde bare sykepleieroppgaver. Mange "
        "oppgaver gikk til helsefagarbeiderne. Oppgavedelingen ble fast fra høsten 2019.",
        "Sykepleierne gikk selv gjennom alle oppgavene for å definere hva som er sykepleie.",
        "Ingen vikarbyrå på tre år, lavere sykefravær og en mer forutsigbar hverdag.",
    ),
    BuiltIn(
        "torn-sande",
        "Sande",
        "Møre og Romsdal",
        2493,
        ("task_sharing", "competence"),
        "Oppgavedeling for å sikre kompetanse i en liten kommune",
        "Med få sykepleiere fordeler kommunen oppgavene på nytt for å ha riktig kompetanse "
        "der den trengs.",
    ),
)
