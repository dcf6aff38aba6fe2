"""Forms of the certificates app: upload, data entry (certificate, insurers, policies), status."""
