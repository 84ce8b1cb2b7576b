"""Load stage: find record files and read YAML safely, with the line of every key."""
