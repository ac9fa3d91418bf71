"""The English extractors; importing this package registers them for ``lang="en"`` articles."""

from . import claims, prices, relations  # noqa: F401
