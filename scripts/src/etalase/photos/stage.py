"""Images stage: check record photos and turn them into light, private web images.

Reads the photo files that records name; returns problems (``check_photos``) and, for
good photos, ``ImageSet``s whose files live in the cache (``media.publish_media`` links
them into the built site). Pure apart from reading sources and writing the cache.

Every output is upright (EXIF orientation applied), in sRGB and free of metadata (no
EXIF, GPS, XMP or ICC), and named after a key of the source's content hash and the
settings that shape it, so an unchanged photo costs nothing on the next build and a
changed one gets a new URL.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Container, Iterable, Iterator, Sequence
from dataclasses import astuple, dataclass, field, replace
from pathlib import Path
from typing import Any

from etalase.incremental import parallel
from etalase.model.problems import Msg, Problem
from etalase.photos import imagecache
from etalase.photos.decode import Limits, SourceInfo, open_source, prepare
from etalase.photos.encode import (
    DEFAULT_SETTINGS,
    Groups,
    ImageSettings,
    OutputKeys,
    draft_request,
    make_outputs,
    output_keys,
    reduction_for,
)
from etalase.photos.locate import locate
from etalase.photos.messages import (
    MSG_BROKEN,
    MSG_CHANGED,
    msg_failed,
    problem_at,
)
from etalase.photos.refs import ImageSet, PhotoRef, ShareCardText, Variant

log = logging.getLogger(__name__)

PARALLEL_MIN = 4  # use worker processes only for more photos than this
PROGRESS_MIN = 20  # show a progress bar only for more photos than this


@dataclass
class ImageResult:
    """What ``process_photos`` made.

    ``sets`` is keyed by ``(ref.source, ref.file)``; ``processed`` counts the distinct
    source photos decoded in this run, ``reused`` those served wholly from the cache,
    ``written`` the output files written to the cache.
    """

    sets: dict[tuple[str, str], ImageSet] = field(default_factory=dict)
    processed: int = 0
    reused: int = 0
    written: int = 0
    problems: list[Problem] = field(default_factory=list)


# ---------------------------------------------------------------------------
# Work on one source: check it completely, then make the outputs that are missing.


@dataclass(frozen=True)
class _Job:
    """One distinct source photo to check and, with ``outputs``, to make outputs from."""

    path: str
    digest: str
    limits: Limits
    settings: ImageSettings
    cache_dir: str
    texts: tuple[ShareCardText, ...] = ()
    outputs: bool = True
    reuse: bool = True  # whether outputs already in the cache may be kept (Shortcuts.photo_cache)
    known: tuple[tuple[str, tuple[imagecache.FileInfo, ...]], ...] = ()  # groups already made (here or on the host)


@dataclass(frozen=True)
class _Outcome:
    """What the work on one source found and made."""

    digest: str
    problem: Msg | None = None
    cacheable: bool = True  # whether the verdict depends on the content only
    decoded: bool = False
    info: SourceInfo | None = None
    keys: OutputKeys | None = None
    groups: Groups = field(default_factory=dict)
    written: int = 0


def _work(job: _Job) -> _Outcome:
    """Check one source completely and make its missing outputs; never raises."""
    try:
        return _work_unguarded(job)
    except Exception as error:
        log.warning("could not process %s", job.path, exc_info=True)
        return _Outcome(job.digest, msg_failed(error), cacheable=False, decoded=True)


def _work_unguarded(job: _Job) -> _Outcome:
    data = Path(job.path).read_bytes()
    if imagecache.digest_bytes(data) != job.digest:
        return _Outcome(job.digest, MSG_CHANGED, cacheable=False)
    opened = open_source(data, job.limits)
    if isinstance(opened, Msg):
        return _Outcome(job.digest, opened)
    info = SourceInfo.of(opened)
    if info.jpeg:  # decode at a reduced size: only as large as the outputs need
        reduction = reduction_for(info, job.settings) if job.outputs else 8
        opened.draft("RGB", draft_request(info, reduction))
    try:
        opened.load()
    except Exception:
        return _Outcome(job.digest, MSG_BROKEN, decoded=True)
    if not job.outputs:
        return _Outcome(job.digest, decoded=True, info=info)
    keys = output_keys(job.digest, info, job.settings, job.texts)
    cache_dir = Path(job.cache_dir)
    known = dict(job.known)
    groups = {k: g for k in keys.all() if job.reuse and (g := known.get(k) or imagecache.read_group(cache_dir, k))}
    if len(groups) == len(keys.all()):
        return _Outcome(job.digest, decoded=True, info=info, keys=keys, groups=groups)
    master = prepare(opened, info.orientation)
    made, written = make_outputs(master, info, keys, job.settings, cache_dir, skip=set(groups))
    return _Outcome(job.digest, decoded=True, info=info, keys=keys, groups={**groups, **made}, written=written)


# ---------------------------------------------------------------------------
# The stage: plan the work from the cache, run it, gather results.


@dataclass
class _Source:
    """One distinct source content and the refs that name it."""

    digest: str
    path: Path
    refs: list[PhotoRef] = field(default_factory=list)

    @property
    def texts(self) -> tuple[ShareCardText, ...]:
        """Return the distinct share card texts its refs ask for, in a stable order."""
        texts = {ref.share_card for ref in self.refs if ref.share_card is not None}
        return tuple(sorted(texts, key=lambda t: (t.title, t.maker, t.sentra)))

    def settings(self, settings: ImageSettings) -> ImageSettings:
        """Return ``settings`` for this source: without the narrowest width when no ref shows it as a
        card thumbnail (a product's second photo only appears in the gallery, whose ``srcset`` asks a
        phone of device pixel ratio 1.25 or more for at least 480 x 1.25 pixels: the next width)."""
        if any(ref.thumb for ref in self.refs) or len(settings.widths) < 2:
            return settings
        return replace(settings, widths=settings.widths[1:])


@dataclass
class _Plan:
    """Refs sorted into failed paths and distinct sources."""

    problems: list[Problem] = field(default_factory=list)
    sources: dict[str, _Source] = field(default_factory=dict)


def _plan(root: Path, refs: Sequence[PhotoRef], manifest: imagecache.Manifest) -> _Plan:
    """Check every ref's path and group the good ones by content hash."""
    plan = _Plan()
    digests: dict[Path, str] = {}
    folders: dict[str, tuple[Path, Path]] = {}
    for ref in refs:
        located = locate(root, ref, folders)
        if isinstance(located, Msg):
            plan.problems.append(problem_at(ref, located))
            continue
        digest = digests.get(located.path)
        if digest is None:
            try:
                digest = manifest.digest(located.path, located.stat)
            except OSError as error:
                plan.problems.append(problem_at(ref, msg_failed(error)))
                continue
            digests[located.path] = digest
        source = plan.sources.setdefault(digest, _Source(digest, located.path))
        source.refs.append(ref)
    return plan


def _run_jobs(jobs: list[_Job], workers: int | None, progress: bool) -> Iterator[_Outcome]:
    """Yield the outcome of every job, on several processes when there are enough jobs."""
    count = 1 if len(jobs) <= PARALLEL_MIN else workers or parallel.cpu_count()
    show = progress and len(jobs) > PROGRESS_MIN and sys.stderr.isatty()
    return parallel.map_unordered(_work, jobs, count, crashed=_crashed, progress="Foto / Photos" if show else None)


def _crashed(job: _Job, error: BaseException) -> _Outcome:
    """Return the outcome of a job whose worker process died: a problem, not an error."""
    return _Outcome(job.digest, msg_failed(error), cacheable=False)


@dataclass
class _Run:
    """The outcome of checking (and maybe processing) a list of refs."""

    plan: _Plan
    problems: dict[str, Msg] = field(default_factory=dict)  # digest -> what is wrong
    done: dict[str, tuple[OutputKeys, Groups]] = field(default_factory=dict)  # digest -> outputs
    processed: int = 0
    reused: int = 0
    written: int = 0


def _run(
    root: Path,
    refs: Sequence[PhotoRef],
    cache_dir: Path | None,
    settings: ImageSettings,
    *,
    outputs: bool,
    workers: int | None,
    progress: bool,
    reuse: bool = True,
    published: Container[str] = frozenset(),
) -> _Run:
    """Check ``refs`` and, when ``outputs``, make every missing output in ``cache_dir``.

    Without ``reuse`` nothing earlier builds learnt is used or kept: every photo is decoded
    and every output made again (``Shortcuts.photo_cache`` off). An output group whose files
    are all in ``published`` (URLs of files on the media host) counts as made.
    """
    manifest = imagecache.Manifest.load(cache_dir if reuse else None)
    limits = Limits.current()
    run = _Run(_plan(root, refs, manifest))
    jobs = []
    for digest, source in run.plan.sources.items():
        verdict = manifest.verdict(digest, limits.tag)
        if verdict is not None and not verdict.get("ok"):  # known bad: no need to look again
            run.problems[digest] = Msg(str(verdict["id"]), str(verdict["en"]))
            continue
        known: Groups = {}
        if verdict is not None:
            if not outputs:
                continue  # known good
            found = _reuse(run, source, verdict, source.settings(settings), cache_dir, manifest, published)
            if found is None:
                continue  # known good, and every output it needs is in the cache or on the host
            known = found
        job = _Job(
            str(source.path),
            digest,
            limits,
            source.settings(settings),
            str(cache_dir or ""),
            source.texts,
            outputs,
            reuse,
        )
        jobs.append(replace(job, known=tuple(known.items())))
    for outcome in _run_jobs(jobs, workers, progress):
        _record(run, outcome, manifest, limits)
    if outputs and reuse and cache_dir is not None:
        _remember_new_groups(run, manifest, cache_dir, [job.digest for job in jobs])
    manifest.save()
    return run


def _remember_new_groups(run: _Run, manifest: imagecache.Manifest, cache_dir: Path, digests: list[str]) -> None:
    """Look once more at the output groups this run made, so that ``manifest`` remembers them.

    Done here, at the end of the build that wrote them (its own work then still in the file
    system's caches), not at the start of the next one: after a cold build of 5,000 products the
    first warm build spent 7 s reading 21,000 group folders for this. Folders written in the
    run's last seconds are not remembered (see ``Manifest.groups``).
    """
    for digest in digests:
        done = run.done.get(digest)
        if done is not None:
            manifest.groups(cache_dir, digest, done[0].all())


def _reuse(
    run: _Run,
    source: _Source,
    verdict: dict[str, Any],
    settings: ImageSettings,
    cache_dir: Path | None,
    manifest: imagecache.Manifest,
    published: Container[str] = frozenset(),
) -> Groups | None:
    """Record ``source``'s outputs when all of them are in the cache (or on the media host) and
    return None; else return the groups that are, which the job making the others keeps."""
    if cache_dir is None:
        return {}
    try:
        info = SourceInfo(*verdict["info"])
    except (KeyError, TypeError):
        return {}
    keys = output_keys(source.digest, info, settings, source.texts)
    groups = manifest.groups(cache_dir, source.digest, keys.all(), published)
    found = {k: v for k, v in groups.items() if v is not None}
    if len(found) < len(groups):
        return found
    run.done[source.digest] = (keys, found)
    run.reused += 1
    return None


def _record(run: _Run, outcome: _Outcome, manifest: imagecache.Manifest, limits: Limits) -> None:
    """Add one job's ``outcome`` to ``run`` and remember its verdict in ``manifest``."""
    run.processed += outcome.decoded
    run.written += outcome.written
    if outcome.problem is not None:
        run.problems[outcome.digest] = outcome.problem
        if outcome.cacheable:
            verdict = {"ok": False, "id": outcome.problem.id, "en": outcome.problem.en}
            manifest.remember(outcome.digest, limits.tag, verdict)
        return
    if outcome.info is not None:
        manifest.remember(outcome.digest, limits.tag, {"ok": True, "info": list(astuple(outcome.info))})
    if outcome.keys is not None:
        run.done[outcome.digest] = (outcome.keys, outcome.groups)


def _ref_problems(run: _Run) -> list[Problem]:
    """Return the path problems and content problems of every ref."""
    problems = list(run.plan.problems)
    for digest, source in run.plan.sources.items():
        if digest in run.problems:
            problems.extend(problem_at(ref, run.problems[digest]) for ref in source.refs)
    return problems


def check_photos(
    root: Path,
    refs: Sequence[PhotoRef],
    *,
    cache_dir: Path | None = None,
    workers: int | None = None,
    progress: bool = False,
) -> list[Problem]:
    """Return the problems of every photo ``refs`` name (files read from under ``root``).

    Checks that each path stays in its record's folder and that the file is a complete
    JPEG, PNG or WebP of sane size. With ``cache_dir``, verdicts are remembered by
    content hash, so an unchanged photo is not decoded again.
    """
    run = _run(root, refs, cache_dir, ImageSettings(), outputs=False, workers=workers, progress=progress)
    return _ref_problems(run)


def process_photos(
    root: Path,
    refs: Sequence[PhotoRef],
    cache_dir: Path,
    settings: ImageSettings = DEFAULT_SETTINGS,
    *,
    workers: int | None = None,
    progress: bool = False,
    reuse: bool = True,
    published: Container[str] = frozenset(),
) -> ImageResult:
    """Check the photos ``refs`` name and make their outputs in ``cache_dir``.

    Reads the source files under ``root``; returns an ``ImageSet`` for every good ref
    and a problem (the same ones ``check_photos`` gives) for every bad one; never
    raises for a bad photo. Outputs already in the cache are reused without decoding
    (unless ``reuse`` is false), and so are those whose files are all in ``published``, the
    URLs of the files on the media host (``imagecache.load_published``).
    """
    run = _run(
        root,
        refs,
        cache_dir,
        settings,
        outputs=True,
        workers=workers,
        progress=progress,
        reuse=reuse,
        published=published if reuse else frozenset(),
    )
    result = ImageResult(processed=run.processed, reused=run.reused, written=run.written, problems=_ref_problems(run))
    for digest, (keys, groups) in run.done.items():
        for ref in run.plan.sources[digest].refs:
            result.sets[(ref.source, ref.file)] = _image_set(ref, keys, groups)
    return result


def _image_set(ref: PhotoRef, keys: OutputKeys, groups: Groups) -> ImageSet:
    """Return the ``ImageSet`` of ``ref`` from its source's output ``groups``."""

    def variants(key: str) -> tuple[Variant, ...]:
        return tuple(Variant(imagecache.group_url(key, n), w, h) for n, w, h in groups[key])

    card = variants(keys.card(ref.share_card))[0] if ref.share_card else None
    ladder = variants(keys.variants)
    return ImageSet(ladder, ladder[0], card)


# ---------------------------------------------------------------------------
# Publishing and size report.


def prune_cache(sets: Iterable[ImageSet], cache_dir: Path) -> int:
    """Remove output folders from ``cache_dir`` that no set uses; return how many."""
    return imagecache.prune(cache_dir, (v.url for s in sets for v in s.files))
