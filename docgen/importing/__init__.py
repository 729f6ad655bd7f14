"""Import: an existing plan (Word file or pasted text) -> an editable Plan.

Readers turn their input into a :class:`~docgen.importing.source.Source`;
:mod:`docgen.importing.parse` turns a Source into a Plan and warnings.
"""
