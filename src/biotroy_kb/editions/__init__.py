"""Who may read what and in which language: the one visibility rule (`visibility`), owners and
review dates (`edition`), the languages and the switcher (`languages`), and the translation
catalogs (`catalogs`)."""
