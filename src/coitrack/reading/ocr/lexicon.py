"""Words common in the names of businesses, insurers and institutions (lower case).

A general list written for coitrack (not taken from any generator or customer data): the
trades, industries, places and legal words names are made of. OCR uses it as a witness only
(names.py): a name word that is *almost* one of these ("Plmbing", "Comipany") is read again;
nothing is ever replaced by a word from this list without a second reading that spells it.
"""

_TEXT = """
abatement academy access accident accounting acquisition action adjusters administration
administrative administrators advanced advantage advisors advisory aerospace affiliated
agency agricultural agriculture air airport alarm alliance allied alpine aluminum ambulance
america american americas analytics animal apartment apartments appliance applied
architects architectural architecture arena arts asphalt assembly assets associated
associates association assurance athletic atlantic audio authority auto automation
automotive aviation awning bakery bank banking baptist bar barn basin bay beach beauty
bedding benefit benefits beverage bicycle billing bio biological blue board boiler bonding
books boring bottling boulevard boys bridge broadcasting brokerage brokers brothers
builders building buildings bureau business cabinet cabinets cable cafe california canal
cap capital capitol cardinal care carolina carpentry carpet carriers cartage casualty
catering cathedral center centers central century ceramic certified chamber chapel
charitable charter chemical chicago children christian church cinema circle citizens city
civil claims classic cleaners cleaning clinic club coach coast coastal coatings cold
collection college colonial commerce commercial commission common commonwealth
communications community companies company compensation concrete conditioning conservation
consolidated construction consultants consulting consumer continental contracting
contractors control cooling cooperative copper corporate corporation county court courts
craft crane creative creek crest crossing crown culinary custom dairy data delivery
demolition dental department design designs development diagnostic diamond digital direct
disposal distribution distributors district diversified dock door doors drainage drilling
drywall dynamic eagle earth east eastern economic education educational electric electrical
electronic electronics elevator emergency employers employment energy engineered
engineering engineers enterprise enterprises entertainment environmental equipment erection
estate estates evangelical events excavating excavation exchange executive exhibits express
exterior fabrication facilities facility falls family farm farmers farms fasteners federal
fence fencing fidelity field film finance financial finishing fire first fitness fleet
floor flooring floors florida food foods forest forestry foundation foundations fountain
freight fuel fund funding furniture galaxy garage garden gardens gas gate general
geotechnical glass glazing global gold golden golf government granite graphics great green
greenhouse grocery ground grounds group guaranty guard guardian gulf gutter hall harbor
hardware harvest haulage hauling health healthcare heating heavy heights heritage highland
highway hill hills historical holding holdings home homes horizon hospital hospitality
hotel hotels housing hvac hydraulic ice imaging improvement improvements indemnity
independence independent industrial industries industry information infrastructure
inspection inspections installation installations institute institution instruments
insulation insurance insured interior interiors international investment investments iron
irrigation island janitorial jersey joint key keystone kitchen lab laboratories laboratory
lake lakes land landmark landscape landscaping laundry law lawn leasing legal liberty life
lighting limestone limited line lines liquor loan local lock locksmith lodge logistics
lumber machine machinery machining maintenance management manufacturing marble marine
market marketing masonry materials mechanical media medical memorial merchants meridian
mesa metal metals metro metropolitan middle midwest mill millwork mineral mining mission mobile
modular monitoring mortgage motor motors mountain moving municipal museum music mutual
national nationwide natural network new news north northeast northeastern northern
northwest nursing ocean office officers oil old operating operations optical orchard organic
outdoor overhead owners pacific packaging paint painting pallet paper park parking parks
partners partnership paving pavement payroll peak pediatric penn personnel pest petroleum
pharmacy physical physicians pine pioneer pipe pipeline plains planning plant plastering
plastics plaza plumbing pointe police pool pools port portland power prairie precast precision
premier preparatory presbyterian preservation press pressure prestige pride prime printing
professional professionals products program project projects properties property protection
protective public publishing pump pumping quality quarry radio railroad railway ranch ready
real realty recovery recreation recycling refrigeration regional rehabilitation reinsurance
reliable remodeling rental rentals repair research reserve residential resort resource
resources restaurant restoration retail ridge risk river riverside road roads rock roofing
roofs room royal rubber rural safety sales salvage sand sanitation savings scaffolding
school schools science sciences scientific screen sealing security select selective senior
septic service services sewer sheet shelter shield shipping shop shore sign signs silver
site sites society software solar solutions sound south southeast southern southwest
specialists specialties specialty sports spring springs square staffing standard star state
states station steel stone storage store stores street structural structures studio studios
summit supplies supply surety surgical survey surveying surveyors sustainable system
systems tank technical technologies technology telecom telecommunications temple terminal
terrace textile theater theatre tile timber tire title tool tools tower towers towing town
township trade trading traffic trail transit transport transportation travel tree trees
trucking trust trustees underground underwriters union united universal university urban
utilities utility valley valve ventures video view village vineyard vision warehouse
warehousing waste water waterproofing way welding well wellness west western wholesale
window windows wire wireless wood woods works world yard yards zone the and of for at in on
by to with
"""
# The states and the larger cities: names carry them ("Ohio Security", "... of Pittsburgh").
_PLACES = """
alabama alaska arizona arkansas california colorado connecticut delaware florida georgia
hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts
michigan minnesota mississippi missouri montana nebraska nevada hampshire jersey mexico york
carolina dakota ohio oklahoma oregon pennsylvania rhode island tennessee texas utah vermont
virginia washington wisconsin wyoming columbia america american atlanta austin baltimore
boston buffalo charlotte chicago cincinnati cleveland columbus dallas denver detroit hartford
houston indianapolis jacksonville louisville memphis miami milwaukee minneapolis nashville
newark oakland omaha orlando philadelphia phoenix pittsburgh portland providence raleigh
richmond sacramento seattle springfield tampa toledo tucson tulsa wichita
"""
# Insurers: the distinctive words of the larger US property and casualty carriers' names
# (certificates name the carrier, and most are written by a few hundred companies).
_CARRIERS = """
acadia acuity allianz allstate amerisure amica amtrust arbella argonaut aspen auto-owners
axis beazley berkley berkshire chubb cincinnati continental crum dedham donegal encompass
erie everest farmers fairfax firemans forster frankenmuth geico grange hanover harleysville
hartford hiscox ironshore kemper lexington lloyds markel merchants mercury motorists
nationwide nautilus navigators norfolk odyssey pekin penn plymouth progressive qbe safeco
scottsdale secura sentry sompo starr swiss tokio travelers usaa utica wausau westchester
westfield zurich
"""
# Words businesses are commonly named after (brands, not trades): "Evergreen Mechanical".
_BRANDS = """
acme apex atlas beacon cascade cedar compass cornerstone evergreen falcon frontier harmony
heritage horizon keystone landmark legacy liberty lighthouse magnolia meridian monarch
northwind oak oakwood patriot pinnacle pioneer premier prestige quality redwood reliable
reliance sterling superior titan trinity vanguard victory willow
"""
WORDS = (
    frozenset(_TEXT.split())
    | frozenset(_PLACES.split())
    | frozenset(_CARRIERS.split())
    | (frozenset(_BRANDS.split()))
)
