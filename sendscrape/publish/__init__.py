"""Publishing a dataset for people who do not use Python: tables for spreadsheets and tools."""
