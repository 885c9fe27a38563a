"""What shapes the HTML: furo's sidebar rendered once and pruned (`navigation`,
`navigation_file`), the Pagefind search (`search`, `search_index`, `search_terms`), the
general index kept between builds, accessibility fixes, and the static files."""
