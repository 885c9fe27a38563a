"""What shapes the HTML: furo's sidebar filled in per page and pruned (`navigation`,
`navigation_file`; the hook into furo is `patches/furo.py`), the Pagefind search (`search`,
`search_index`, `search_terms`), accessibility fixes, the EPUB edition and the static files."""
