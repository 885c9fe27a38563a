"""The knowledge registry and its loading: pydantic models, YAML with line numbers, partial
dates. Nothing here imports Sphinx; `core.data` puts a loaded registry on the environment."""

from .models import Registry, RegistryError, load_registry

__all__ = ["Registry", "RegistryError", "load_registry"]
