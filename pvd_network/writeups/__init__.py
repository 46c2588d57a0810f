"""Experience write-ups ("retours d'expérience")."""
