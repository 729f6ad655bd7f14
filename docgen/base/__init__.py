"""The foundation every step uses: the short-text cache and where the package's files are."""
