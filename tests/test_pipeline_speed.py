"""The fast paths of the pipeline give exactly what the plain ones give.

Languages rendered side by side in forked processes (parallel.py), the shortcuts in
``render.clean`` and the translation table, and the split write stage.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import stat
import time
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
import yaml
from markupsafe import Markup
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from conftest import TODAY
from etalase import photos, pipeline, render
from etalase.incremental import parallel
from etalase.photos import PhotoRef, imagecache, locate, messages
from etalase.photos.refs import MEDIA
from etalase.pipeline import generation
from etalase.publish import write
from etalase.render import engine
from etalase.render import text as text_safety
from etalase.source import load, yamlsafe
from sitecheck import REPO
from test_render import FIXTURE, catalog_from

needs_fork = pytest.mark.skipif(not parallel.can_fork(), reason="no fork on this system")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _counts(outcome: pipeline.Outcome) -> tuple[int, int, int]:
    return outcome.pages_written, outcome.pages_unchanged, outcome.pages_removed


@pytest.fixture(scope="module")
def sample(sample_site: Path) -> Path:
    """Return the built sample catalogue (its photos are in its cache); tests generate into build/<name>/."""
    return sample_site


def _project(root: Path, docs: str) -> pipeline.Project:
    return pipeline.Project(root=root, docs_dir=root / "build" / docs, site_url="https://x.example/etalase/")


# --- languages side by side ------------------------------------------------------------------


@needs_fork
def test_languages_in_processes_give_the_pages_and_counts_of_one_process(sample: Path) -> None:
    serial, side_by_side = _project(sample, "serial"), _project(sample, "parallel")
    for project in (serial, side_by_side):  # a stale page and a stale folder, to be removed
        (project.docs_dir / "produk" / "gone").mkdir(parents=True)
        (project.docs_dir / "produk" / "gone" / "old.md").write_text("old", encoding="utf-8")
        (project.docs_dir / "en").mkdir()
        (project.docs_dir / "en" / "old.md").write_text("old", encoding="utf-8")
    first = generation.generate(serial, TODAY, jobs=1)
    second = generation.generate(side_by_side, TODAY, jobs=2)
    assert _files(serial.docs_dir) == _files(side_by_side.docs_dir)
    assert _counts(first) == _counts(second)
    assert first.pages_removed == 2 and first.pages_unchanged == 0
    assert not (side_by_side.docs_dir / "produk" / "gone").exists()
    pages = render.render_pages(first.catalog, first.image_sets, sample / "templates", site_url=serial.site_url)
    assert first.pages_written == len(pages) + sum(1 for p in _files(serial.docs_dir) if p.startswith("en/"))

    again = generation.generate(side_by_side, TODAY, jobs=2)
    assert _counts(again) == (0, first.pages_written, 0)
    assert _files(serial.docs_dir) == _files(side_by_side.docs_dir)


def test_the_pages_are_those_render_pages_gives(sample: Path) -> None:
    project = _project(sample, "serial")
    outcome = generation.generate(project, TODAY)
    assert outcome.catalog is not None
    expected: dict[str, bytes] = {}
    for lang in project.languages:
        pages = render.render_pages(
            outcome.catalog, outcome.image_sets, project.templates_dir, lang=lang, site_url=project.site_url
        )
        expected |= {path: content.encode() for path, content in pages.items()}
    assert _files(project.docs_dir) == expected


@needs_fork
def test_an_error_in_a_language_process_is_raised_in_the_build(sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load = render.load_translations

    def broken(templates_dir: Path, lang: str) -> dict:
        if lang == "en":  # rendered in the child process, which inherits this patch
            raise ValueError("templates/i18n/en.yml is not a mapping")
        return load(templates_dir, lang)

    monkeypatch.setattr(engine, "load_translations", broken)
    with pytest.raises(ValueError, match="is not a mapping"):
        generation.generate(_project(sample, "broken"), TODAY, jobs=2)


def test_small_catalogues_are_rendered_in_this_process(sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    run = parallel.run
    monkeypatch.setattr(parallel, "run", lambda tasks, workers: seen.append(workers) or run(tasks, workers))
    generation.generate(_project(sample, "serial"), TODAY)
    assert seen and set(seen) == {1}  # records read and languages rendered here


def test_two_languages_may_not_write_the_same_page() -> None:
    assert generation._disjoint([["b", "a"], ["en/a"], ["assets/x"]]) == ["a", "assets/x", "b", "en/a"]
    with pytest.raises(ValueError, match="assets/x"):
        generation._disjoint([["a", "assets/x"], ["assets/x"]])


# --- parallel.run ------------------------------------------------------------------------------


def _pid_and(value: int) -> tuple[int, int]:
    return os.getpid(), value


@needs_fork
def test_run_returns_every_result_in_order_from_several_processes() -> None:
    tasks = [lambda n=n: _pid_and(n * n) for n in range(5)]  # closures: never pickled
    results = parallel.run(tasks, 2)
    assert [value for _, value in results] == [0, 1, 4, 9, 16]
    pids = {pid for pid, _ in results}
    assert os.getpid() in pids and len(pids) == 2


def test_one_worker_runs_the_tasks_here_in_turn() -> None:
    assert parallel.run([lambda: _pid_and(1), lambda: _pid_and(2)], 1) == [(os.getpid(), 1), (os.getpid(), 2)]
    assert parallel.workers_for(2, jobs=1) == 1
    assert parallel.workers_for(1) == 1
    assert parallel.workers_for(8, jobs=3) == (3 if parallel.can_fork() else 1)


class _Unpicklable(Exception):
    def __init__(self, a: int, b: int) -> None:  # pickle calls it with one argument
        super().__init__(f"{a} and {b}")


def _fail(exc: BaseException) -> None:
    raise exc


# A task's error, what the parent gets, and its message: an error pickle cannot rebuild arrives as a RuntimeError.
TASK_ERRORS = [
    (KeyError("no text 'x'"), KeyError, "no text"),
    (_Unpicklable(1, 2), RuntimeError, "_Unpicklable: 1 and 2"),
]


@needs_fork
@pytest.mark.parametrize(("exc", "raised", "message"), TASK_ERRORS)
def test_a_task_error_in_a_child_is_raised_here(exc: BaseException, raised: type, message: str) -> None:
    with pytest.raises(raised, match=message):
        parallel.run([lambda: 1, lambda: _fail(exc)], 2)


@needs_fork
def test_a_child_that_dies_is_reported_not_waited_for() -> None:
    with pytest.raises(parallel.WorkerDied):
        parallel.run([lambda: 1, lambda: os._exit(3)], 2)


@needs_fork
def test_an_error_here_still_ends_the_children() -> None:
    with pytest.raises(ZeroDivisionError):
        parallel.run([lambda: 1 / 0, lambda: 2], 2)
    assert parallel.run([lambda: 1, lambda: 2], 2) == [1, 2]  # and a later run works


def _report_can_fork(queue: Any) -> None:
    queue.put(parallel.can_fork())


@needs_fork
def test_a_daemonic_process_runs_its_tasks_itself() -> None:
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_report_can_fork, args=(queue,), daemon=True)
    child.start()
    assert queue.get(timeout=30) is False
    child.join(30)


# --- parallel.start --------------------------------------------------------------------------


@needs_fork
def test_start_runs_the_task_in_a_child_while_this_process_goes_on(tmp_path: Path) -> None:
    gate = tmp_path / "go"

    def task() -> tuple[int, str]:
        while not gate.exists():  # the child waits for the parent: both run at once
            time.sleep(0.01)
        return os.getpid(), gate.read_text(encoding="utf-8")

    started = parallel.start(task)
    written = tmp_path / "go.part"  # renamed into place: the child never sees a half-written gate
    written.write_text("from the parent", encoding="utf-8")
    written.replace(gate)
    pid, text = started.result()
    assert pid != os.getpid() and text == "from the parent"
    assert started.result() == (pid, text)  # asked again: the same answer, not a second wait


@needs_fork
@pytest.mark.parametrize(("exc", "raised", "message"), TASK_ERRORS)
def test_a_started_task_error_is_raised_by_result(exc: BaseException, raised: type, message: str) -> None:
    started = parallel.start(lambda: _fail(exc))
    with pytest.raises(raised, match=message):
        started.result()


@needs_fork
def test_a_started_child_that_dies_is_reported() -> None:
    started = parallel.start(lambda: os._exit(3))
    with pytest.raises(parallel.WorkerDied, match="exit code 3"):
        started.result()


@needs_fork
def test_stop_ends_a_started_child_that_is_still_running(tmp_path: Path) -> None:
    late = tmp_path / "late"

    def task() -> None:
        time.sleep(30)
        late.write_text("written after stop", encoding="utf-8")

    started = parallel.start(task)
    begun = time.perf_counter()
    started.stop()
    assert time.perf_counter() - begun < 10
    with pytest.raises(parallel.WorkerDied, match="stopped"):
        started.result()
    assert not late.exists()
    started.stop()  # twice: nothing left to stop


def test_without_fork_start_runs_the_task_here_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    ran: list[int] = []
    started = parallel.start(lambda: ran.append(os.getpid()) or "done")
    assert ran == [os.getpid()]  # before result() is asked for
    assert started.result() == "done"
    failed = parallel.start(lambda: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        failed.result()
    failed.stop()  # nothing to stop


# --- shortcuts in render ---------------------------------------------------------------------


def _slow_clean(text: str) -> str:
    return text_safety._SPACES.sub(" ", text_safety._UNSAFE_CHARS.sub("", text)).strip()


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "Kardigan Rajut",
        " Kardigan",
        "Kardigan ",
        "Kardigan  Rajut",
        "a\tb",
        "a\nb",
        "Rp 50.000 — 75.000",
        "café\u00a0latte",
        "ruang\u3000penuh",
        "a\u2028b",
        "a\x85b",
        "a\x7fb",
        "a\x00b",
        "bom\ufeff",
        "ganti\ufffd",
        "objek\ufffc",
        "a\ufdd0b",
        "a\ud800b",
        "a\U0001fffeb",
        "a\U0010fffdb",
        "a\u200bb",  # zero-width space: a format character, kept by clean
        "日本語 テキスト",
        "emoji 🙂",
    ],
)
def test_clean_takes_its_shortcut_only_for_clean_text(text: str) -> None:
    assert render.clean(text) == _slow_clean(text)
    assert type(render.clean(text)) is str
    assert render.clean(Markup(text)) == _slow_clean(text)
    assert type(render.clean(Markup(text))) is str


def test_every_code_point_is_cleaned_as_before() -> None:
    for start in range(0, 0x110000, 0x800):
        text = "a" + "".join(chr(c) for c in range(start, start + 0x800) if not 0xD800 <= c < 0xE000) + "z"
        assert render.clean(text) == _slow_clean(text)
        for c in range(start, start + 0x800, 7):
            assert render.clean(f"x{chr(c)}y") == _slow_clean(f"x{chr(c)}y"), hex(c)


def test_front_matter_values_are_the_same_from_the_cache() -> None:
    value = 'Judul "kutip" <b>&</b>\x07'
    assert render.fm(value) == render.fm(value) == '"Judul &quot;kutip&quot; &lt;b&gt;&amp;&lt;/b&gt;"'
    assert render.fm(12) == '"12"'


def test_translations_found_once_are_found_again() -> None:
    t = render.Translations({"lang": "id", "a": {"b": "teks {n}", "c": {"d": "x"}}})
    assert t("a.b", n=1) == "teks 1" and t("a.b", n=2) == "teks 2" and t("a.b") == "teks {n}"
    for key in ("a.c", "a.x", "a.b.c", "z"):
        with pytest.raises(KeyError):
            t(key)
        with pytest.raises(KeyError):  # a miss is not remembered as a text
            t(key)
    assert t.get("a.x", "default") == "default"


# --- writing in parts ------------------------------------------------------------------------


def test_writing_in_parts_counts_as_writing_at_once(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "media").mkdir(parents=True)
    (docs / "media" / "x.webp").write_bytes(b"photo")
    (docs / "old").mkdir()
    (docs / "old" / "page.md").write_text("old", encoding="utf-8")
    (docs / "a.md").write_text("A", encoding="utf-8")
    (docs / "b.md").write_text("b!", encoding="utf-8")  # same size as the new content, other bytes
    assert write.write_changed({"a.md": "A", "b.md": "B!"}, docs) == write.WriteReport(1, 1, 0)
    assert write.write_changed({"en/a.md": "A"}, docs) == write.WriteReport(1, 0, 0)
    assert (docs / "old" / "page.md").exists()
    assert write.remove_stale(docs, ["a.md", "b.md", "en/a.md"]) == 1
    assert _files(docs) == {"a.md": b"A", "b.md": b"B!", "en/a.md": b"A", "media/x.webp": b"photo"}
    assert not (docs / "old").exists()
    with pytest.raises(ValueError, match="leave the docs folder"):
        write.remove_stale(docs, ["../x.md"])


# --- locating photos and reading the photo cache ---------------------------------------------


def _locate_as_before(root: Path, ref: PhotoRef) -> object:
    """The photo path check as it was written before ``locate._below`` (Path.resolve every time)."""
    name = ref.file.strip()
    relative = PurePosixPath(name)
    folder = root / PurePosixPath(ref.source).parent
    path = folder / relative
    try:
        resolved = path.resolve(strict=True)
        info = resolved.stat()
    except (OSError, ValueError):
        return messages.msg_missing(name, locate.near_name(path))
    if not resolved.is_relative_to(folder.resolve()):
        return messages.MSG_LINK_OUT
    if not stat.S_ISREG(info.st_mode):
        return messages.MSG_NOT_FILE
    return resolved, info.st_ino, info.st_size


def _summary(located: object) -> object:
    if isinstance(located, locate.Located):
        return located.path, located.stat.st_ino, located.stat.st_size
    return located


def test_photos_are_located_as_path_resolve_locates_them(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "ikm").mkdir(parents=True)
    (elsewhere / "ikm" / "jauh.jpg").write_bytes(b"far")
    (elsewhere / "luar.jpg").write_bytes(b"out")
    real = tmp_path / "real"
    ikm = real / "products" / "rajut"
    (ikm / "foto" / "dalam").mkdir(parents=True)
    (ikm / "a.jpg").write_bytes(b"a")
    (ikm / "foto" / "b.jpg").write_bytes(b"bb")
    (ikm / "foto" / "dalam" / "c.jpg").write_bytes(b"ccc")
    (ikm / "ke-a.jpg").symlink_to("a.jpg")  # a link that stays in the folder
    (ikm / "ke-foto").symlink_to("foto")
    (ikm / "ke-luar.jpg").symlink_to(elsewhere / "luar.jpg")
    (ikm / "ke-luar").symlink_to(elsewhere)
    (ikm / "putus.jpg").symlink_to(ikm / "tidak-ada.jpg")
    (real / "products" / "tertaut").symlink_to(elsewhere / "ikm")  # a whole record folder elsewhere
    (tmp_path / "root").symlink_to(real)  # the project itself through a link
    names = [
        *("a.jpg", "./a.jpg", "foto/b.jpg", "foto//b.jpg", "foto/./dalam/c.jpg", "foto/dalam/c.jpg"),
        *("ke-a.jpg", "ke-foto/b.jpg", "ke-foto/dalam/c.jpg", "ke-luar.jpg", "ke-luar/luar.jpg"),
        *("putus.jpg", "tidak-ada.jpg", "A.JPG", "a.jpg/x.jpg", "foto", "foto/", ".", "", "a\0.jpg"),
    ]
    for root in (real, tmp_path / "root", Path(os.path.relpath(real))):
        folders: dict[str, tuple[Path, Path]] = {}
        for source in ("products/rajut/kain.yml", "products/tertaut/kain.yml"):
            for name in names:
                photo = PhotoRef(source, "photos[0].file", 3, name)
                expected = _locate_as_before(root, photo)
                assert _summary(locate.locate(root, photo, folders)) == expected, (root, source, name)
                assert _summary(locate.locate(root, photo)) == expected, (root, source, name)


def test_a_cache_group_is_read_only_when_all_its_files_are_there(tmp_path: Path) -> None:
    key = imagecache.make_key("foto", 1)
    assert imagecache.read_group(tmp_path, key) is None
    imagecache.write_group(tmp_path, key, [("640.webp", b"x", 640, 480), ("320.webp", b"y", 320, 240)])
    assert imagecache.read_group(tmp_path, key) == (("640.webp", 640, 480), ("320.webp", 320, 240))
    assert imagecache.read_group(tmp_path, imagecache.make_key("lain")) is None
    folder = tmp_path / MEDIA / key[: imagecache.KEY_CHARS]
    (folder / "320.webp").unlink()
    (folder / "320.webp").mkdir()  # a folder of the name is no file
    assert imagecache.read_group(tmp_path, key) is None
    (folder / "320.webp").rmdir()
    (folder / "320.webp").symlink_to(folder / "640.webp")  # a link to a file is a file, as Path.is_file says
    assert imagecache.read_group(tmp_path, key) is not None
    (folder / imagecache.META).write_text("{not json", encoding="utf-8")
    assert imagecache.read_group(tmp_path, key) is None


# --- reading records -------------------------------------------------------------------------


@pytest.mark.parametrize("implicit", [(True, False), (False, True), (False, False), (True, True)])
def test_tags_are_resolved_as_pyyaml_resolves_them(implicit: tuple[bool, bool]) -> None:
    loader = yamlsafe._FAST_LOADER
    if loader is None or not issubclass(loader, yamlsafe._Resolving):
        pytest.skip("PyYAML without libyaml")
    fast, plain = loader(""), yaml.SafeLoader("")
    values = [
        *("", "~", "null", "Null", "NULL", "nul", "true", "True", "yes", "No", "on", "OFF", "y", "n"),
        *("0", "-0", "+12", "1_000", "0x1F", "0o17", "017", "0b101", "1:30", "190:20:30", "12e3"),
        *("1.5", "-.5", ".5", "1.", "6.8523015e+5", ".inf", "-.INF", ".nan", ".NaN", "1,5"),
        *("2026-11-22", "2026-02-30", "2026-11-22 10:00:00", "2026-11-22T10:00:00Z", "2026-1-2"),
        *("=", "<<", "Kardigan", "kain tenun", "@rajut", "08123", "+62 812", "1 2", "#", "- a"),
    ]
    for value in values:
        assert fast.resolve(ScalarNode, value, implicit) == plain.resolve(ScalarNode, value, implicit), value
    for kind in (SequenceNode, MappingNode):
        assert fast.resolve(kind, None, implicit) == plain.resolve(kind, None, implicit)


def _old(folder: Path, seconds: int = 60) -> None:
    """Date ``folder`` back by ``seconds`` (a group made earlier)."""
    past = folder.stat().st_mtime - seconds
    os.utime(folder, (past, past))


def test_a_cache_group_seen_in_an_unchanged_folder_is_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second, gone = imagecache.make_key(1), imagecache.make_key(2), imagecache.make_key(3)
    imagecache.write_group(tmp_path, first, [("640.webp", b"x", 640, 480)])
    imagecache.write_group(tmp_path, second, [("thumb.webp", b"y", 320, 320)])
    manifest = imagecache.Manifest(tmp_path / imagecache.MANIFEST)
    source = tmp_path / "foto.jpg"
    source.write_bytes(b"photo")
    digest = manifest.digest(source, source.stat())  # a source the manifest knows: saved with it
    manifest.remember(digest, "limits", {"ok": True})
    folder = tmp_path / MEDIA / first[: imagecache.KEY_CHARS]
    _old(folder)
    expected = {first: (("640.webp", 640, 480),), second: (("thumb.webp", 320, 320),), gone: None}
    assert manifest.groups(tmp_path, digest, [first, second, gone]) == expected
    assert list(manifest.checks[digest]["groups"]) == [first]  # the other folder changed just now
    manifest.save()

    reloaded = imagecache.Manifest.load(tmp_path)
    reads: list[str] = []
    read_group = imagecache.read_group
    monkeypatch.setattr(imagecache, "read_group", lambda cache, key: reads.append(key) or read_group(cache, key))
    assert reloaded.groups(tmp_path, digest, [first, second, gone]) == expected
    assert reads == [second]
    assert not reloaded.changed

    (folder / "640.webp").unlink()  # the folder changes: read again, and found incomplete
    assert reloaded.groups(tmp_path, digest, [first]) == {first: None}
    assert reloaded.checks[digest]["groups"] == {} and reloaded.changed
    imagecache.write_group(tmp_path, first, [("640.webp", b"x", 640, 480)])
    _old(folder)
    assert reloaded.groups(tmp_path, digest, [first]) == {first: expected[first]}
    assert list(reloaded.checks[digest]["groups"]) == [first]
    reloaded.remember(digest, "limits", {"ok": True})  # a new verdict forgets the groups
    assert "groups" not in reloaded.checks[digest]


def test_a_changed_template_is_compiled_again(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(REPO / "templates", templates)
    catalog = catalog_from(FIXTURE)
    before = render.render_pages(catalog, {}, templates)["tentang.md"]
    layout = templates / "partials" / "layout.md.j2"
    layout.write_text(layout.read_text(encoding="utf-8").replace("og_locale:", "og_locale_x:"), encoding="utf-8")
    after = render.render_pages(catalog, {}, templates)["tentang.md"]
    assert "og_locale:" in before and "og_locale_x:" in after
    assert after == before.replace("og_locale:", "og_locale_x:")


def test_compiled_templates_are_kept_up_to_a_limit() -> None:
    class Bucket:
        def __init__(self, key: str) -> None:
            self.key, self.code = key, b""

        def bytecode_to_string(self) -> bytes:
            return self.key.encode()

        def bytecode_from_string(self, code: bytes) -> None:
            self.code = code

    kept = engine._CompiledTemplates(limit=2)
    for key in "abc":
        kept.dump_bytecode(Bucket(key))  # type: ignore[arg-type]
    found = {key: Bucket(key) for key in "abc"}
    for bucket in found.values():
        kept.load_bytecode(bucket)  # type: ignore[arg-type]
    assert {key: bucket.code for key, bucket in found.items()} == {"a": b"", "b": b"b", "c": b"c"}


@needs_fork
def test_records_read_in_several_processes_are_those_read_in_one(tmp_path: Path) -> None:
    root = tmp_path / "project"
    for folder in ("catalog", "products", "sentra"):
        shutil.copytree(REPO / folder, root / folder)
    ikm = sorted(p for p in (root / "products").iterdir() if p.is_dir())[0]
    (ikm / "rusak.yml").write_text('slug: rusak\nname: "tidak ditutup\n', encoding="utf-8")
    (ikm / "latin1.yml").write_bytes("slug: caf\xe9\n".encode("latin-1"))
    (ikm / "kosong.yml").write_text("# kosong\n", encoding="utf-8")
    (ikm / "tautan.yml").symlink_to(ikm / "ikm.yml")
    (ikm / "salah.yaml").write_text("slug: salah\n", encoding="utf-8")
    (root / "products" / "nyasar.yml").write_text("slug: nyasar\n", encoding="utf-8")
    one = load.load_records(root, jobs=1)
    assert len(one[0]) > 90 and len(one[1]) == 6
    for jobs in (2, 3):
        assert load.load_records(root, jobs=jobs) == one


def test_what_stands_at_a_page_path_is_compared_safely(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    os.mkfifo(docs / "pipa.md")  # reading a FIFO would wait for a writer
    (docs / "tautan.md").symlink_to(docs / "asli.md")
    (docs / "asli.md").write_text("A", encoding="utf-8")
    (docs / "folder.md").mkdir()
    assert not write._holds(docs / "pipa.md", b"A")
    assert write._holds(docs / "tautan.md", b"A")
    assert not write._holds(docs / "folder.md", b"")
    assert not write._holds(docs / "tidak-ada.md", b"")
    assert write.write_changed({"pipa.md": "P", "tautan.md": "A"}, docs) == write.WriteReport(1, 1, 0)
    assert (docs / "pipa.md").read_text(encoding="utf-8") == "P"


def test_a_language_filter_on_a_constant_is_not_shared_by_compiled_templates(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(REPO / "templates", templates)
    (templates / "pages" / "konstan.md.j2").write_text('{{ "en"|language_name }} {{ "XX"|country_name }}\n')
    catalog = catalog_from(FIXTURE)
    texts = [
        render.Renderer(catalog, {}, templates, lang, "", prefix).env.get_template("pages/konstan.md.j2").render()
        for lang, prefix in (("id", ""), ("en", "en/"), ("id", ""))
    ]
    assert texts == ["Inggris XX\n", "English XX\n", "Inggris XX\n"]


# --- photos checked once ------------------------------------------------------------------------


def test_a_build_checks_each_photo_once_and_still_stops_on_a_bad_one(
    mini_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    photo = mini_project / "products/rajut-contoh/kardigan-1.jpg"
    photo.write_bytes(photo.read_bytes()[: photo.stat().st_size // 2])  # cut off while copying
    checked: list[int] = []
    check_photos = photos.check_photos
    monkeypatch.setattr(photos, "check_photos", lambda *a, **k: checked.append(1) or check_photos(*a, **k))
    project = _project(mini_project, "docs")
    outcome = generation.generate(project, TODAY)
    assert checked == []  # the photo stage checks them: not a second pass first
    assert outcome.failed() and "check photos" not in outcome.seconds
    assert [p.path for p in outcome.problems] == ["products/rajut-contoh/kardigan.yml"]
    assert "damaged or incomplete" in outcome.problems[0].format("en")
    assert not (project.docs_dir / "produk").exists()  # nothing written
    assert pipeline.check(mini_project, TODAY).problems == outcome.problems  # `etalase validate` finds the same
    assert checked == [1]
