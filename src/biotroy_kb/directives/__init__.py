"""What draws pages from the registry: the `fact` role and `source-list`, `pipeline-chart` and
`asset-summary`, `milestones`, `news-list` and the Atom feed, `reading-path`, and the glossary's
hover text. Every label goes through `core.messages`."""
