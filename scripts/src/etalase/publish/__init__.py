"""Write stage: put generated pages into the docs folder and processed photos into the site."""
