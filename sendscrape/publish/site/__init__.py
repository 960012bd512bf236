"""The static results site: national charts, a page per local area, themes, feeds, downloads."""
