"""The parser's version, stamped on every record: bumped whenever what the parser returns changes
(tests/test_parser_version.py holds this). A module of its own, so that `sendscrape --version`
can name it without loading the PDF library."""

PARSER_VERSION = "1.1.0"
