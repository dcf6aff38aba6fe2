"""Word lists the demo generator draws from. Plain data, no logic.

Every business, agency and insurer here is invented. Insurer names are made to sound like US
carriers and their 5-digit NAIC codes are made up: they do not identify real companies, and the
demo carries no financial-strength ratings (those are licensed data).
"""

from __future__ import annotations

ORGANIZATION_NAME = "Harbor Point Properties"
ORGANIZATION_TIME_ZONE = "America/New_York"
HOLDER_NAME = "Harbor Point Properties, LLC"
HOLDER_ADDRESS = "200 Harbor Point Blvd, Suite 400, Baltimore, MD 21231"

# (username, e-mail, first name, last name, role); the first one is the admin the README names.
DEMO_PASSWORD = "demo-password"
USERS = (
    ("demo", "demo@example.com", "Dana", "Morgan", "admin"),
    ("rosa", "rosa.alvarez@example.com", "Rosa", "Alvarez", "reviewer"),
    ("victor", "victor.chen@example.com", "Victor", "Chen", "viewer"),
)

# Vendor type -> words that make a trade name sound like that trade.
VENDOR_TYPES: dict[str, tuple[str, ...]] = {
    "Roofing": ("Roofing", "Roofing & Sheet Metal", "Roof Systems", "Exteriors"),
    "Electrical": ("Electric", "Electrical Contractors", "Electrical Services", "Power Systems"),
    "Plumbing": ("Plumbing", "Plumbing & Heating", "Mechanical Plumbing", "Drain & Sewer"),
    "HVAC": ("Heating & Air", "Mechanical", "HVAC Services", "Climate Control"),
    "Janitorial": ("Cleaning Services", "Building Maintenance", "Janitorial", "Facility Services"),
    "Landscaping": ("Landscaping", "Lawn & Garden", "Grounds Management", "Tree Service"),
    "Catering": ("Catering", "Events & Catering", "Kitchen", "Hospitality Group"),
    "Security": ("Security Services", "Protective Services", "Patrol", "Security Group"),
    "Painting": ("Painting", "Painting & Decorating", "Coatings", "Finishes"),
    "General Contractor": ("Construction", "Builders", "Contracting", "Construction Group"),
    "Elevator Maintenance": ("Elevator", "Elevator Service", "Lift Systems", "Vertical Transport"),
    "IT Services": ("Technology Solutions", "Network Services", "IT Consulting", "Data Systems"),
}

# Trades whose vendors usually carry a write-in line, and what it is.
WRITE_IN_LINES: dict[str, str] = {
    "IT Services": "Professional Liability / Cyber",
    "General Contractor": "Contractors Pollution Liability",
    "Catering": "Liquor Liability",
    "Security": "Professional Liability",
    "Elevator Maintenance": "Professional Liability",
}

NAME_STEMS = (
    "Abbott", "Allegheny", "Anchor", "Apex", "Atlas", "Bayside", "Beacon", "Benson", "Blue Heron",
    "Brennan", "Bridgewater", "Calloway", "Capital", "Carroll", "Chesapeake", "Clearwater",
    "Cornerstone", "Crown", "Dalton", "Delmarva", "Dominion", "Eastern Shore", "Evergreen",
    "Fairfield", "Fallon", "Federal Hill", "Fitzgerald", "Flagship", "Foster", "Franklin",
    "Garrison", "Gateway", "Granite", "Greenway", "Hampton", "Harbor", "Hartley", "Highland",
    "Hollins",
    "Ironbridge", "Jefferson", "Keystone", "Kowalski", "Lakeside", "Landmark", "Liberty",
    "Linwood", "Madison", "Mariner", "McAllister", "Meridian", "Monument", "Morales", "Northpoint",
    "Oakridge", "O'Connell", "Old Line", "Patapsco", "Patriot", "Pinnacle", "Potomac", "Precision",
    "Quinn", "Ravenwood", "Reliable", "Ridgeway", "Riverside", "Rockwell", "Russo", "Seaboard",
    "Sentinel", "Severn", "Shoreline", "Silverline", "Stanton", "Sterling", "Summit", "Susquehanna",
    "Tidewater", "Towson", "Tri-County", "Union", "Valley", "Vanguard", "Walsh", "Washington",
    "Westport", "Whitaker", "Windsor", "Yates",
)

SURNAMES = (
    "Adams", "Bailey", "Brooks", "Carter", "Castillo", "Coleman", "Diaz", "Edwards", "Fischer",
    "Garcia", "Gordon", "Greene", "Harris", "Hughes", "Jackson", "Kelly", "Kim", "Lopez", "Murphy",
    "Nguyen", "Novak", "Okafor", "Patel", "Perry", "Ramirez", "Reed", "Rossi", "Santos", "Shah",
    "Sullivan", "Thompson", "Turner", "Walker", "Washington", "Wright", "Young",
)
FIRST_NAMES = (
    "Aaron", "Alicia", "Andre", "Angela", "Ben", "Brenda", "Carlos", "Carmen", "Chris", "Dana",
    "Darnell", "Diane", "Elena", "Eric", "Frank", "Gina", "Grace", "Hector", "Jamal", "Janet",
    "Jason", "Jenna", "Kevin", "Laura", "Linda", "Luis", "Maria", "Mark", "Michelle", "Nate",
    "Nicole", "Omar", "Patricia", "Paul", "Priya", "Rachel", "Ray", "Sam", "Sandra", "Steve",
    "Tanya", "Tom", "Vanessa", "Will",
)

# Suffix styles with their relative frequency; the comma before "Inc." is how many file it.
LEGAL_SUFFIXES = (("LLC", 10), (", Inc.", 6), ("Inc.", 3), ("Co.", 2), ("Corp.", 2),
                  ("Company", 1), ("Corporation", 1))

# (city, state, first three digits of its ZIP codes, area code)
CITIES = (
    ("Baltimore", "MD", "212", "410"), ("Towson", "MD", "212", "410"),
    ("Columbia", "MD", "210", "443"), ("Annapolis", "MD", "214", "410"),
    ("Glen Burnie", "MD", "210", "410"), ("Silver Spring", "MD", "209", "301"),
    ("Rockville", "MD", "208", "301"), ("Frederick", "MD", "217", "301"),
    ("Washington", "DC", "200", "202"), ("Arlington", "VA", "222", "703"),
    ("Alexandria", "VA", "223", "703"), ("Richmond", "VA", "232", "804"),
    ("Wilmington", "DE", "198", "302"), ("Philadelphia", "PA", "191", "215"),
    ("York", "PA", "174", "717"), ("Lancaster", "PA", "176", "717"),
    ("Harrisburg", "PA", "171", "717"), ("Newark", "NJ", "071", "973"),
    ("Trenton", "NJ", "086", "609"), ("Pittsburgh", "PA", "152", "412"),
)

STREET_NAMES = (
    "Aliceanna St", "Boston St", "Charles St", "Eastern Ave", "Falls Rd", "Fort Ave",
    "Greenmount Ave", "Harford Rd", "Holabird Ave", "Industrial Pkwy", "Key Hwy", "Light St",
    "Loch Raven Blvd", "Main St", "Market St", "Commerce Dr", "Pulaski Hwy", "Ritchie Hwy",
    "Route 40", "Park Ave", "Washington Blvd", "Wilkens Ave", "York Rd", "Business Center Dr",
    "Corporate Blvd", "Technology Way", "Warehouse Rd", "Mill Race Rd",
)

TAGS = ("Preferred", "Union labor", "Minority-owned", "24/7 on call", "High risk",
        "Annual contract", "Small business", "Needs onboarding")

NOTES = (
    "Master service agreement renewed in January; rates fixed for two years.",
    "Prefers e-mail; the office manager answers faster than the owner.",
    "Works nights and weekends only at occupied buildings.",
    "Subcontracts crane work: ask for the sub's certificate before each lift.",
    "Agent is usually slow: copy the agency's service team on every request.",
    "Used for emergency calls; keep the certificate current at all times.",
    "Bid on the lobby refresh; decision expected next quarter.",
    "Owner asked to be called before any payment is held.",
)

# Insurance agencies (producers): name, address, e-mail domain, phone area code. Domains end in
# the reserved .example so a demo that sends real mail can never reach a stranger.
AGENCIES = (
    ("Bayview Insurance Agency, Inc.", "1100 Key Hwy, Baltimore, MD 21230",
     "bayviewins.example", "410"),
    ("Chesapeake Risk Partners LLC", "25 W Chesapeake Ave, Towson, MD 21204",
     "chesrisk.example", "410"),
    ("Keystone Commercial Insurance", "400 Market St, Harrisburg, PA 17101",
     "keystoneci.example", "717"),
    ("Capitol Brokerage Group", "1750 K St NW, Washington, DC 20006",
     "capitolbrokerage.example", "202"),
    ("Potomac Surety & Insurance", "800 King St, Alexandria, VA 22314",
     "potomacsurety.example", "703"),
    ("Old Line Insurance Services", "9 Church Cir, Annapolis, MD 21401",
     "oldlineins.example", "410"),
    ("Delaware Valley Insurance Brokers", "1500 Walnut St, Philadelphia, PA 19102",
     "dvib.example", "215"),
    ("Harborside Agency Group, Inc.", "3 E Lombard St, Baltimore, MD 21202",
     "harborsideag.example", "443"),
)

# Invented insurers (name, NAIC code). The codes are plausible in shape only.
INSURERS = (
    ("Atlantic Keystone Casualty Company", "20471"),
    ("Great Lakes Mutual Insurance Company", "23812"),
    ("Granite State Fire & Marine Insurance Co.", "26430"),
    ("Liberty Harbor Insurance Company", "31257"),
    ("Continental Plains Indemnity Company", "35148"),
    ("Northbridge Specialty Insurance Company", "38806"),
    ("Old Colony Property & Casualty Company", "19914"),
    ("Patriot National Assurance Company", "41632"),
    ("Piedmont Commercial Insurance Company", "13587"),
    ("Riverbend Assurance Corporation", "29065"),
    ("Summit Ridge Insurance Company", "11473"),
    ("Tri-State Employers Mutual Insurance Co.", "10298"),
)

# Projects and locations (name, address, starts this many days from today, runs this many days;
# None for an open-ended location contract). Negative ends make the finished ones.
PROJECTS = (
    ("Harborview Tower Renovation", "1420 Key Hwy, Baltimore, MD 21230", -240, 420),
    ("Fells Point Lofts", "1701 Thames St, Baltimore, MD 21231", -540, 360),
    ("Canton Crossing Retail", "3600 Boston St, Baltimore, MD 21224", -120, None),
    ("Riverside Medical Office Building", "2300 Riverside Ave, Baltimore, MD 21230", -700, 480),
    ("Inner Harbor Garage Repairs", "300 E Pratt St, Baltimore, MD 21202", -30, 180),
    ("Locust Point Warehouse Conversion", "1900 Fort Ave, Baltimore, MD 21230", 45, 300),
)

OPERATIONS = {
    "Roofing": "Roof replacement and repairs",
    "Electrical": "Electrical installation and service work",
    "Plumbing": "Plumbing repair and installation",
    "HVAC": "HVAC maintenance and installation",
    "Janitorial": "Janitorial and building cleaning services",
    "Landscaping": "Landscape maintenance and snow removal",
    "Catering": "Catering for tenant and owner events",
    "Security": "Unarmed security guard services",
    "Painting": "Interior and exterior painting",
    "General Contractor": "General construction and tenant fit-out",
    "Elevator Maintenance": "Elevator maintenance, inspection and repair",
    "IT Services": "Network cabling, IT support and managed services",
}
