"""Editions and languages: the public edition's sources and page owners and review dates
(`edition`), the languages and the switcher (`languages`), and the translation catalogs
(`catalogs`). What an edition may show is decided in one place, `core.visibility`."""
