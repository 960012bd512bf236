"""Sub-commands of the `sendscrape` CLI, one module each, listed in sendscrape.cli.COMMANDS.

Each module's top imports only the standard library and light modules: `configure(parser)`
must cost nothing, so that `sendscrape COMMAND --help` starts at once. `run(args)` imports the
modules that do the work inside itself (ruff's PLC0415 is off in this folder for that reason).
"""
