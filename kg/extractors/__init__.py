"""Built-in extractors; importing this package registers them with ``kg.extract``."""

from . import claims, prices, relations  # noqa: F401
