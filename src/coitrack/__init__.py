"""coitrack: certificate-of-insurance tracking."""

__version__ = "0.1.0"
