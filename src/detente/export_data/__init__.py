"""Reference data for standard exports (GDELT's FIPS 10-4 geography codes)."""

from __future__ import annotations

from detente.export_data.fips import fips_for, load_fips_table, parse_fips_table

__all__ = ["fips_for", "load_fips_table", "parse_fips_table"]
