"""English relations, registered for ``lang="en"`` articles (see kg/extractors/base.py):
released (relations_released.py), subsidiaryOf (relations_subsidiary.py), worksFor and
formerlyWorkedFor (relations_roles.py). The words they read are in kg/rules/en/relations.yaml.
"""

from __future__ import annotations

from ...records import Extraction
from ..base import Context, extractor
from . import relations_released, relations_roles, relations_subsidiary


@extractor("released", lang="en")
def released(ctx: Context, out: Extraction) -> None:
    """"X launched Y", "X's Y", "Y, developed by X", the catalogue's maker, a maker in the model's name."""
    relations_released.released(ctx, out)


@extractor("subsidiaryOf", lang="en")
def subsidiary_of(ctx: Context, out: Extraction) -> None:
    """"Google's DeepMind", "ByteDance-owned Volcano Engine", "X, a unit of Y", "Y acquired X"."""
    relations_subsidiary.subsidiary_of(ctx, out)


@extractor("worksFor", lang="en")
def works_for(ctx: Context, out: Extraction) -> None:
    """Current and former roles: titles before and after names, joining, leaving, founding."""
    relations_roles.works_for(ctx, out)
