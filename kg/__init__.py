"""kg: build a knowledge graph of the AI industry from news articles.

The pipeline runs one way: read → analyse → extract → resolve → to RDF →
store → query / view. Each stage is a module of this package; `kg.api` holds
the functions a notebook or the CLI calls.
"""

__version__ = "0.1.0"
