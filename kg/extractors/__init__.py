"""Built-in extractors; importing this package registers them with ``kg.extract``.

The order of registration is the order they run in: the relation modules last, and among them
a career rule reads the titles ``worksFor`` found.
"""

from . import claims, en, prices, prices_tables  # noqa: F401, I001
from . import relations_released, relations_subsidiary, relations_careers  # noqa: F401, I001
