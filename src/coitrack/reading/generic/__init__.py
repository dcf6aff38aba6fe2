"""The generic reader for non-ACORD certificates of insurance (see reader.py).

lines.py       words -> lines -> cells (text separated by wide gaps)
vocabulary.py  label wording, coverage headings, limit names, table column titles
labels.py      labels on a line and the value printed after each
blocks.py      values below their label, name-and-address blocks
sections.py    coverage sections: under a heading, or one row of a coverage table
values.py      dates with month names, policy periods, amounts, yes/no
slots.py       labels and sections -> assemble slots (capped confidence, ambiguity)
insurers.py    insurers and the letter of each policy's insurer
reader.py      the reader (score, read)
"""

from coitrack.reading.generic.reader import GenericReader

__all__ = ["GenericReader"]
