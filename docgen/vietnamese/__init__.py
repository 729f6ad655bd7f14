"""Vietnamese as documents write it: dates, numbers and words, names of bodies, signer authority, typed labels, clean text."""
