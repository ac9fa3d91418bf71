"""Entity mentions in Chinese text, by source (the ``kg_entities`` component runs them):

* ``base``: the ``Candidate`` record, the catalogue's names (``KnownNames``), clause-start patterns;
* ``models`` / ``persons`` / ``orgs``: the pattern sources for new model, person and organisation names;
* ``org_names``: trimming and refusing a pattern-found organisation's name;
* ``finder``: all sources together, then the choice among overlaps (``EntityFinder.find``);
* ``words``: jieba words, how common a word is, whether a string reads as a new name;
* ``rules``: the typed schema of ``kg/rules/zh/entities.yaml``, where the word lists live.
"""
