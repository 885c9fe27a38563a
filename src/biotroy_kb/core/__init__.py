"""The Sphinx glue every other part stands on: the settings (`config`), the registry on the
build environment (`data`), what is learnt about each page (`collector`), the extension's own
words (`messages`), source lines, shared node helpers, front matter, and the note that marks
a bug in our own code (`bugs`)."""
