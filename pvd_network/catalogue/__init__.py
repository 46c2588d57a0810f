"""Browsing published write-ups: the listing, theme pages, territory pages and the blocks
that commune and profile pages show. Sits on top of writeups, themes, geo and auth."""
