"""The vocabulary of identifier labels: which words announce an ID, a national ID, or neither.

Kept apart from `identifiers.py` so the lists can grow (one language at a time) without burying the
matching logic, and so the surrogate side can share the prefix lists.
"""

from __future__ import annotations

#: What a value identifies (English and a few other languages); matched case-insensitively, as
#: whole words. Multi-word kinds first.
KINDS = (
    r"medical record|health record|frequent flyer|loyalty card|service request|bag tag|police report|rx|"
    r"property irregularity report|point de livraison|meter point|supply number|"
    r"member(?:ship)?|customer|client(?:e)?|account|acct\.?|a/c|policy|claim|case|order|ticket|invoice|"
    r"employee|emp|staff|personnel|payroll|student|matriculation|matricule|enrol?ment|patient|mrn|uhid|"
    r"insurance|insured|subscriber|subscription|contract|loan|mortgage|application|applicant|candidate|"
    r"booking|reservation|confirmation|pnr|tracking|shipment|parcel|consignment|waybill|delivery|references?|"
    r"merchant|"
    r"ref\.?|incident|request|complaint|transaction|txn|receipt|licen[cs]e|registration|badge|loyalty|rewards|"
    r"voucher|warranty|serial|device|asset|meter|tenant|tenancy|pension|benefits?|bond|certificate|"
    r"job|trip|ride|report|operator|org|organi[sz]ation|workspace|tenant|microchip|chip|plates?|pcn|urn|"
    r"uci|pdl|pce|mpan|mprn|orcid|hcpc|gmc|nmc|npi|ahpra|kvk|fein|ein|siren|siret|regon|krs|crn|abn|acn|"
    r"atto|mandat|sociétaire|récépissé|allocataire|dossier|commande|contrat|adh[ée]rent|facture|"
    r"contrato|contratto|albumu|sprawy|sicil|"  # Iberian and Italian contracts, Polish student and case numbers
    # Finnish contracts, Swahili accounts, Romanian staff badges, Czech and Slovak company numbers
    r"sopimusnumero|sopimus|akaunti(?: namba)?|marc[ăa] angajat|ičo|company id|company number|company no\.?|"
    r"klantnummer|lidnummer|polisnummer|dossiernummer|ordernummer|factuurnummer|kenmerk|klienta|"
    r"zam[óo]wienia|umowy|polisy|faktury|pedido|p[óo]liza|socio|expediente|factura|ordine|pratica|polizza|"
    r"番号|記号|会員番号|顧客番号|注文番号|受付番号|会員id|社員番号|お客様番号|"
    # Korean employee, member, order, customer and student numbers; Chinese order, member, staff numbers
    r"사번|사원번호|회원번호|주문번호|고객번호|학번|订单号|会员号|工号|学号|客户编号|"
    # vehicles (a plate is its keeper's): Portuguese, Spanish, Italian, German, Czech, Polish, Hungarian
    r"placa|matr[íi]cula|targa|kennzeichen|spz|rejestracja|rendsz[áa]m|truck|trailer|tractor|vehicle|"
    # German, Iberian, Italian, Czech, Hungarian, Catalan and Romanian record words
    r"mandant|vorgang|bestellung|auftrag|rechnung|tagebuch|gu[íi]a|reserva|sinistro|siniestro|boletim|"
    r"protocolo|zak[áa]zka|objedn[áa]vka|smlouva|[üu]gyf[ée]lsz[áa]m|szerz[őo]d[ée]ssz[áa]m|episodi|nhc|"
    r"dosar|[îi]nregistrare|token|quotation|quote|mr|ap[óo]lice|[ée]tudiant|prenotazione|acc\.?|"
    # plates in French, Indonesian and Dutch; bank accounts in Spanish, Portuguese, German, French, Dutch
    r"plaque|plat|kenteken|clabe|cbu|cvu|cuenta|conta|konto|compte|rekening|slip|"
    # companies' and professionals' registers: Brazil's CNPJ, councils of medicine, engineering, law, nursing
    r"cnpj|crm|crea|oab|coren|cro|crf|"
    # registers of professionals and firms (Kenya, Pakistan, UK pharmacists, Canada, Malaysia, Brazil,
    # Spain's bar) and other languages' record words: Czech "č. j.", "ev. č." ("reg." is a qualifier
    # only: "KMPDC reg. A11874", never "Reg. (EU) 2016/679")
    r"permis|colegiad[oa]|cod\.?|codice|c[óo]digo|devis|ordonnance|carteirinha|recibo|radicado|annuncio|"
    r"brn|ren|rcic|pmdc|kmpdc|gphc|susep|icaa|tolknummer|tarjeta profesional|t\.p\.|č\.[ \t]?j\.|ev\.[ \t]?č\.|"
    # French "Référence" with its accents; Turkish customer, reference, order, policy and subscriber
    r"r[ée]f[ée]rences?|m[üu][şs]teri|referans|sipari[şs]|poli[çc]e|abone|"
    # a sales lead, a travel or case file, a purchase order, an enquiry, a land plot; Dutch invoices,
    # Italian protocols, Pakistan's tax number
    r"lead|file|po|purchase order|enquiry|inquiry|plot|factuur|protocollo|ntn"
)
#: National ID documents and numbers: their values are labelled NATIONAL_ID.
NATIONAL_KINDS = (
    r"national id(?:entity)?(?: card)?|identity card|id card|ghana card|emirates id|a-number|alien number|"
    r"social security|sécurité sociale|securite sociale|social insurance|tax file|"
    r"passport|paszport(?: zagraniczny)?|pasaporte|passeport|reisepass|personalausweis|permesso di soggiorno|"
    r"residence permit|titre de séjour|pps|nie|nif|dni|nie/nif|bsn|nin|bvn|cnic|hkid|nric|fin|rfc|curp|"
    r"ramq|sin|aadhaar|aadhar|pan|pesel|codice fiscale|steuer-?id|ahv|cpr|personnummer|fødselsnummer|"
    r"hetu|dui|cédula|cedula|rut|cuit|cpf|rg|nino|ni number|national insurance|medicare|tfn|ird|ssn|nhs|chi|"
    r"ohip|nik|ktp|qid|cnp|egn|oib|amka|tckn|tc kimlik(?: no)?|jmbg|emso|mykad|iin|cuil|isikukood|asmens kodas|"
    r"personas kods|rodné číslo|rodne cislo|nir|carte vitale|nss|snils|nip|identifikationsnummer|steuernummer|"
    r"nhi|c\.c\.?|снилс|инн|иин|рнокпп|іпн|паспорт|ідентифікаційний код|"
    # Portugal's citizen card and social security, Germany's and Austria's social insurance
    r"cart[ãa]o (?:de|do) cidad[ãa]o|niss|sv-nr\.?|sv-nummer|sozialversicherungsnummer"
)
#: Registers of professions and firms: their numbers are written with thousands dots ("ICAA 8.812",
#: "Tarjeta Profesional No. 288.471"), which elsewhere would be an amount.
REGISTER_KINDS = frozenset(
    """
    crm crea oab coren cro crf brn ren rcic pmdc kmpdc gphc susep icaa colegiado colegiada profesional gmc nmc
    npi ahpra hcpc
    """.split()
)
#: Words between the kind and the value that say "what follows is its identifier".
QUALIFIERS = (
    r"id|identifier|no\.?|nr\.?|n\.?[°ºo]\.?|n\.|num(?:ber)?\.?|numbers?|#|code|ref(?:erence)?\.?|nummer|numer|"
    r"n[úu]mero|numéro|key|card|tag|reg\.?"
)
#: Qualifier first, then the kind: "n° sociétaire 4418230 K", "N° de dossier ANEF : …", "numéro de sécurité sociale".
LEADING_QUALIFIERS = r"n[°º]\.?|no\.|nr\.?|numéro|número|numero|numer|num\.|nummer"

#: Prefixes known to name a person's record; any digit count from three up will do after them.
PERSONAL_PREFIXES = frozenset(
    """
    CUST CUS CID CLI MBR MEM ACC ACCT AC POL PLCY CLM CLAIM INV ORD ORDER TKT TCK TIX CASE CS EMP STU STD PAT PT
    MRN BKG BK PNR RES CNF REF LN LOAN CTR CON SUB APP TRK SHP TXN PAY RMA SR CR REQ INC LIC REG HR UID USR KD KDNR
    CAND CMP JOB WO TR PO SO DO
    """.split()
)
#: Prefixes of public standards, products and versions: never a person's identifier.
PUBLIC_PREFIXES = frozenset(
    """
    ISO IEC EN DIN RFC CVE CWE GHSA SHA MD UTF ASCII PEP JSR COVID SARS MERS HIV HPV ANSI IEEE ASTM NIST FIPS SP
    GDPR EU UN BS ISBN ISSN DOI SKU EAN UPC GTIN PN MPN MODEL REV VER HTTP HTTPS TLS SSL IPV GPT ARM RTX GTX
    PS XBOX NASA ESA FDA CE UL IP IPX USB HDMI DDR LTE NR BT WIFI AES RSA ECDSA FY Q KB RAID PCI PCIE SATA NVME
    ATC ICD CPT LOINC SNOMED NDC DSM WHO OECD IFRS GAAP ASC IAS UNSPSC HS NACE SIC NAICS
    ERR ERROR IMG DSC DSCN PIC VID MOV SCAN BUILD REL
    """.split()
)
#: Words before a code-shaped token that make it a product, error or build code rather than a person's ID.
NOT_PERSONAL_BEFORE = frozenset(
    """
    error code version build model part sku item product art firmware release revision errno exception status
    hash commit sha checksum isbn asin upc ean standard norm flight train route bus gate seat room table
    """.split()
)
#: Words before "No." that number a thing, a place or a text, not a person's record.
NOT_RECORD_KINDS = frozenset(
    """
    page pages vol volume chapter section sec article art clause item line step phase platform gate seat room
    table bed flight lot batch model part version issue edition form schedule exhibit appendix annex rule
    regulation act bill ward house plot flat unit apt block door floor building street road route bus train
    tel phone fax mobile box po pin zip postcode size ref. invoice order ticket case policy claim account
    customer member patient employee student law lei decree resolution patent process thread pr build job pid
    commit release session request trace transaction
    """.split()
)
#: Keys of JSON / form fields that end in "_id" or "Id" but name no person's record.
TECHNICAL_KEYS = frozenset(
    """
    request trace span correlation message event thread parent model version build commit run process pid tid
    object item product sku page post chunk node doc document vector embedding index task step tool call
    completion response choice batch widget component element class type schema region zone phone mobile tel
    fax cell house street building flat room floor line serial
    """.split()
)
#: Kinds that are ordinary nouns too ("the job 12345"): without a qualifier or a colon, their value
#: must mix letters and digits.
LOOSE_KINDS = frozenset(
    """
    client cliente org job trip ride report chip plate plates operator asset atto device meter bond certificate
    request order delivery loyalty rewards benefits benefit truck trailer tractor vehicle token quote quotation mr
    reserva merchant references plaque plat kenteken slip conta
    """.split()
)
#: Booking codes (PNR) may be letters only: "booking ref XKQWTZ".
BOOKING_KINDS = frozenset({"booking", "reservation", "confirmation", "pnr", "reference", "ref"})
#: REST collections whose path segment after them is a person's record ID.
PERSON_COLLECTIONS = (
    r"employees|students|customers|users|accounts|members|patients|orders|tickets|cases|claims|policies|"
    r"clients|applicants|candidates|contacts|people|persons|subscribers|tenants|bookings|invoices"
)
