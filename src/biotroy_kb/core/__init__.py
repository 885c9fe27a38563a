"""The Sphinx glue every other part stands on: the settings (`config`), the registry on the
build environment (`data`), what is learnt about each page (`collector`), the extension's own
words (`messages`), source lines, shared node helpers, front matter, the note that marks
a bug in our own code (`bugs`), and two things that keep large builds fast: fewer garbage
collections (`garbage_collection`) and a linear toctree purge (`toctree_purge`)."""
