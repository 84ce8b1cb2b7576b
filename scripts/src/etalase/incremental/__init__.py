"""Speed machinery: what lets a build skip work that need not be redone."""
