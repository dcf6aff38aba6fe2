"""The layout reader: ACORD 25 pages with a text layer, read by printed captions and columns."""
