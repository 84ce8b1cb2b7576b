"""The typed records every stage passes on: record schemas, the validated catalogue, problems."""
