"""Validate stage: check records against their schemas and against each other; JSON Schemas for editors."""
