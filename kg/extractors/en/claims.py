"""English claims: registered for ``lang="en"`` articles (see kg/extractors/base.py)."""
