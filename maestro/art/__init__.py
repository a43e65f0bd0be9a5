"""Art stage: palettes, sprites, tiles and backgrounds drawn for a game prototype."""
