"""Entity mentions in Chinese text, by source (one pipeline component per source, then a chooser):

* ``base``: the ``Candidate`` record, the catalogue's names (``KnownNames``), clause-start patterns;
* ``models`` / ``persons`` / ``orgs``: the pattern sources for new model, person and organisation names;
* ``org_names``: trimming and refusing a pattern-found organisation's name;
* ``sources``: the registry of sources, in order of trust (each runs as its own component);
* ``finder``: the choice among overlapping candidates (``choose``; ``EntityFinder`` runs it all without spaCy);
* ``words``: jieba words, how common a word is, whether a string reads as a new name;
* ``rules``: the typed schema of ``kg/rules/zh/entities.yaml``, where the word lists live.
"""
