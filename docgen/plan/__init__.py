"""The plan model (one source of truth for form, API, CLI and batch), its appendices, references, field labels, vocabularies and the one reader of plan files."""
