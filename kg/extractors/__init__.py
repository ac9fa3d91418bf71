"""Built-in extractors; importing this package registers them with ``kg.extract``."""

from . import claims, en, prices, relations  # noqa: F401
