"""The knowledge registry and its loading, in rooms by job: the kinds of value (`fields`,
`dates`, `events`), the files' models (`files`), what pages see (`entries`), loading and
cross-checking (`loader`), errors said for people (`validation`, `problems`), YAML with line
numbers (`yamlsource`) and per-language renderings. Nothing here imports Sphinx; `core.data`
puts a loaded registry on the environment."""

from .entries import Registry
from .loader import load_registry
from .problems import RegistryError

__all__ = ["Registry", "RegistryError", "load_registry"]
