"""Realistic demo data: ``generate`` builds plain data with no Django, ``load`` writes it.

``coitrack seed_demo`` and the vendor-list benchmark (``bench/vendor_list.py``) both use it, so the
demo a newcomer clicks through and the data the performance figures come from look the same.
"""
