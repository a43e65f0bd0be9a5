"""Audio stage: music and sound effects synthesised for a game prototype."""
