"""The pipeline, stage by stage: load → validate → photos → render → write.

- ``run``: what a run works on (``Project``: the project's folders, languages and shortcuts) and
  gives back (``Outcome``: the catalogue, every problem, counts and the processed photos);
- ``check``: the stages that find problems (``etalase validate``): load, validate, check photos;
- ``generation``: every stage up to the docs folder (``generate``), called by the plugin.

This face names only ``run`` and ``check``, so that ``etalase validate`` loads no renderer.
"""

from etalase.pipeline.check import check, photo_refs
from etalase.pipeline.run import Outcome, Project

__all__ = ["Outcome", "Project", "check", "photo_refs"]
