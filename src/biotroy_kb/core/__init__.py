"""The Sphinx glue every other part stands on: the settings (`config`), the languages
(`language`), what an edition may show (`visibility`), the registry on the build environment
(`data`), each page's front matter (`frontmatter`) and what else is learnt about each page
(`collector`), the extension's own words (`messages`), how an author's mistake is reported
(`problems`), source lines, shared node helpers, what a build changed (`changes`), the note that
marks a bug in our own code (`bugs`), and fewer garbage collections in large builds
(`garbage_collection`)."""
