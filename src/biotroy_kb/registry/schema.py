"""Write the JSON Schema of each registry file, so editors can autocomplete the YAML.

Run `python -m biotroy_kb.schema docs/_data/schemas` (or `make schema`) after changing a model;
a test fails while the committed schemas and the models disagree.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .files import json_schemas


def schema_files() -> dict[str, str]:
    """File name -> JSON text, for every registry file."""
    return {
        name.replace(".yaml", ".schema.json"): json.dumps(schema, indent=2, sort_keys=True) + "\n"
        for name, schema in json_schemas().items()
    }


def main(argv: list[str]) -> int:
    target = Path(argv[0] if argv else "docs/_data/schemas")
    target.mkdir(parents=True, exist_ok=True)
    for name, text in schema_files().items():
        (target / name).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
