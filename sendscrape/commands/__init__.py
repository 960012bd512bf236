"""Sub-commands of the `sendscrape` CLI, one module each."""
