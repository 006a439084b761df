"""Hostile packages and package indexes (issue 16): bounded resources, one line and never a traceback.

Every bomb here is small: a cap is lowered through its module constant, or a
highly compressible member declares more than the cap. Every server is a local
``http.server`` on 127.0.0.1 in a thread, and every loop in it is bounded.
"""

from __future__ import annotations

import http.server
import json
import os
import signal
import struct
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

import l10n
from l10n.cli import app
from l10n.engine import index as index_module
from l10n.engine import install as install_module
from l10n.engine import packages
from l10n.engine.install import install, install_archive, validate_archive
from l10n.engine.packages import find_package, list_packages, read_package
from l10n.errors import L10nError
from test_packages import GOOD_TOP, good_entries, make_archive

DEMO = Path(l10n.__file__).parent / "demo"
META = f"{GOOD_TOP}/metadata.json"
MODEL = f"{GOOD_TOP}/model/model.bin"


def patch_member(path: Path, member: str, *, flags: int = 0, method: int | None = None) -> Path:
    """Set general-purpose flag bits and/or the compression method of ``member`` in both its
    local header and its central directory record (what a foreign zip tool would have written)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    local = info.header_offset
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + name_len] == member.encode():
            break
        at = data.find(b"PK\x01\x02", at + 4)
    assert at >= 0, member
    for flags_at, method_at in ((local + 6, local + 8), (at + 8, at + 10)):
        struct.pack_into("<H", data, flags_at, struct.unpack_from("<H", data, flags_at)[0] | flags)
        if method is not None:
            struct.pack_into("<H", data, method_at, method)
    path.write_bytes(data)
    return path


def assert_nothing_installed(directory: Path) -> None:
    assert not directory.exists() or not any(directory.iterdir())


# --- bounded resources: archives ----------------------------------------------------------


def test_an_oversized_metadata_json_is_refused_from_its_declared_size_without_reading_it(tmp_path, monkeypatch):
    """A 1.4 MB archive with a 1 GiB metadata.json peaked at 4.2 GB RSS. Its declared size is
    checked first; the member is never opened. (Valid JSON padded to 1 MiB + 1 byte, deflated.)"""
    big = json.dumps({"from_code": "en", "to_code": "az"}).encode()
    big += b" " * ((1 << 20) + 1 - len(big))
    path = tmp_path / "bomb.argosmodel"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in {**good_entries(), META: big}.items():
            archive.writestr(name, data)
    assert path.stat().st_size < 10_000
    opened = []
    real_open = zipfile.ZipFile.open

    def spy(self, name, *args, **kwargs):
        opened.append(getattr(name, "filename", name))
        return real_open(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    with pytest.raises(L10nError) as err:
        install_archive(path, tmp_path / "pk")
    assert str(err.value).startswith(f"{path}: ")
    assert META in str(err.value) and "1 MiB" in str(err.value)
    assert META not in opened
    assert_nothing_installed(tmp_path / "pk")


def test_a_metadata_json_at_the_cap_is_still_accepted(tmp_path):
    meta = json.dumps({"from_code": "en", "to_code": "az", "package_version": "1.0"}).encode()
    meta += b" " * ((1 << 20) - len(meta))
    package = install_archive(make_archive(tmp_path / "ok.argosmodel", {**good_entries(), META: meta}), tmp_path / "pk")
    assert package.version == "1.0"
    assert [p.pair for p in list_packages(tmp_path / "pk")] == ["en:az"]


def _installed_folder(root: Path, metadata: bytes) -> Path:
    folder = root / GOOD_TOP
    for name, data in good_entries().items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data.encode() if isinstance(data, str) else data)
    (folder / "metadata.json").write_bytes(metadata)
    return folder


def test_an_installed_package_with_an_oversized_metadata_json_is_not_read(tmp_path, monkeypatch):
    """Every `models list` and `translate` re-read the 1 GiB metadata.json of the installed bomb."""
    meta = json.dumps({"from_code": "en", "to_code": "az"}).encode()
    folder = _installed_folder(tmp_path / "pk", meta + b" " * (1 << 20))
    reads = []
    real_read_bytes = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: reads.append(self) or real_read_bytes(self))
    with pytest.raises(L10nError) as err:
        read_package(folder)
    assert str(err.value).startswith(f"{folder / 'metadata.json'}: ") and "1 MiB" in str(err.value)
    assert reads == []
    assert list_packages(tmp_path / "pk") == []  # skipped like any broken folder
    result = CliRunner().invoke(app, ["models", "list", "--json", "--dir", str(tmp_path / "pk")])
    assert result.exit_code == 0 and json.loads(result.output) == []


def test_an_installed_metadata_json_that_is_a_fifo_is_refused_without_blocking(tmp_path):
    """Reading a FIFO in place of metadata.json blocked `models list` (in a subprocess: a hang is a failure)."""
    folder = _installed_folder(tmp_path / "pk", b"{}")
    (folder / "metadata.json").unlink()
    os.mkfifo(folder / "metadata.json")
    code = "import sys; from l10n.engine.packages import list_packages; print(list_packages(sys.argv[1]))"
    try:
        result = subprocess.run([sys.executable, "-c", code, str(tmp_path / "pk")], capture_output=True, timeout=20,
                                cwd=tmp_path)
    except subprocess.TimeoutExpired:
        pytest.fail("list_packages blocked on a FIFO")
    assert result.returncode == 0 and result.stdout.strip() == b"[]", result.stderr
    with pytest.raises(L10nError, match="metadata.json is not a regular file"):
        read_package(folder)


def test_an_archive_that_is_a_fifo_is_refused_without_blocking(tmp_path):
    """`models install FIFO` blocked in zipfile.is_zipfile (in a subprocess: a hang is a failure)."""
    fifo = tmp_path / "pipe.argosmodel"
    os.mkfifo(fifo)
    command = [sys.executable, "-m", "l10n", "models", "install", str(fifo), "--dir", str(tmp_path / "pk")]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=30, cwd=tmp_path)
    except subprocess.TimeoutExpired:
        pytest.fail("models install blocked on a FIFO")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr == f"error: {fifo}: not an Argos package: not a regular file\n"
    assert not (tmp_path / "pk").exists()


def test_an_archive_with_too_many_members_is_refused_before_extracting(tmp_path, monkeypatch):
    monkeypatch.setattr(install_module, "MAX_MEMBERS", 12)
    entries = {**good_entries(), **{f"{GOOD_TOP}/extra/{i}.txt": b"x" for i in range(20)}}
    path = make_archive(tmp_path / "many.argosmodel", entries)
    with pytest.raises(L10nError, match=r"too many members \(\d+, at most 12\)"):
        install_archive(path, tmp_path / "pk")
    assert not (tmp_path / "pk").exists() or list((tmp_path / "pk").iterdir()) == []
    assert install_module.MAX_MEMBERS < len(entries) and len(good_entries()) < 12


def test_the_total_extracted_size_is_capped_before_extracting(tmp_path, monkeypatch):
    monkeypatch.setattr(install_module, "MAX_EXTRACTED_BYTES", 4096, raising=False)
    extracted = []
    monkeypatch.setattr(zipfile.ZipFile, "extractall", lambda self, *a, **k: extracted.append(a))
    entries = {**good_entries(), f"{GOOD_TOP}/model/extra.bin": b"\1" * 5000}
    path = make_archive(tmp_path / "big.argosmodel", entries)
    with pytest.raises(L10nError) as err:
        install_archive(path, tmp_path / "pk")
    assert str(err.value).startswith(f"{path}: ")
    assert f"{GOOD_TOP}/model/extra.bin" in str(err.value) and "extract" in str(err.value)
    assert extracted == []


def test_the_default_caps_are_generous():
    # real Argos packages are 100-300 MB; their largest member (model.bin) hardly compresses
    assert install_module.MAX_EXTRACTED_BYTES == 4 << 30
    assert packages.MAX_METADATA_BYTES == 1 << 20
    assert install_module.MAX_COMPRESSION_RATIO == 200
    assert index_module.MAX_DOWNLOAD_BYTES == 2 << 30
    assert index_module.MAX_INDEX_BYTES == 32 << 20
    assert index_module.DOWNLOAD_DEADLINE == 30 * 60


def test_a_member_compressed_beyond_the_ratio_is_refused(tmp_path):
    """8 MiB of zeros deflate to 8 KB (1000:1): a zip bomb, refused from the declared sizes."""
    name = f"{GOOD_TOP}/model/padding.bin"
    path = tmp_path / "bomb.argosmodel"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in {**good_entries(), name: bytes(8 << 20)}.items():
            archive.writestr(member, data)
    with pytest.raises(L10nError) as err:
        validate_archive(path)
    assert str(err.value).startswith(f"{path}: ") and name in str(err.value) and "200:1" in str(err.value)
    with pytest.raises(L10nError):
        install_archive(path, tmp_path / "pk")
    assert_nothing_installed(tmp_path / "pk")


def test_a_small_highly_compressible_member_is_fine(tmp_path):
    """The ratio is only checked on members over a few MB (a small vocabulary compresses well)."""
    path = tmp_path / "ok.argosmodel"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in {**good_entries(), f"{GOOD_TOP}/model/zeros.bin": bytes(1 << 20)}.items():
            archive.writestr(member, data)
    assert validate_archive(path)[0] == GOOD_TOP


# --- one line, never a traceback: archives --------------------------------------------------


def _with(**extra: bytes | str):
    return lambda tmp_path: make_archive(tmp_path / "hostile.argosmodel", {**good_entries(), **extra})


def _patched(member: str, **how):
    return lambda tmp_path: patch_member(make_archive(tmp_path / "hostile.argosmodel", good_entries()), member, **how)


HOSTILE_ARCHIVES = {  # how to build it, the member the error names, what it says
    "deflate64": (_patched(MODEL, method=9), MODEL, "unsupported compression method 9 (Deflate64)"),
    "encrypted": (_patched(META, flags=0x1), META, "encrypted member"),
    "2000-deep-path": (_with(**{f"{GOOD_TOP}/" + "a/" * 2000 + "x": "x"}), f"{GOOD_TOP}/a/a/a", "name too long"),
    "100-deep-path": (_with(**{f"{GOOD_TOP}/" + "a/" * 100 + "x": "x"}), f"{GOOD_TOP}/a/a/a", "path too deep"),
    "300-char-name": (_with(**{f"{GOOD_TOP}/" + "x" * 300: "x"}), f"{GOOD_TOP}/xxxx", "a part over 255 bytes"),
    "nested-json": (_with(**{META: "[" * 100_000}), META, "nested too deeply"),
}


@pytest.mark.parametrize("kind", list(HOSTILE_ARCHIVES))
def test_a_hostile_archive_is_one_line_naming_archive_and_member(tmp_path, kind):
    build, member, message = HOSTILE_ARCHIVES[kind]
    path = build(tmp_path)
    with pytest.raises(L10nError) as err:
        install_archive(path, tmp_path / "pk")
    text = str(err.value)
    assert text.startswith(f"{path}: ") and member in text and message in text, text
    assert len(text) < 400 and "\n" not in text
    assert_nothing_installed(tmp_path / "pk")


@pytest.mark.parametrize("kind", list(HOSTILE_ARCHIVES))
def test_models_install_of_a_hostile_archive_prints_one_line(tmp_path, kind):
    path = HOSTILE_ARCHIVES[kind][0](tmp_path)
    result = CliRunner().invoke(app, ["models", "install", str(path), "--dir", str(tmp_path / "pk")])
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"error: {path}: ") and len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_a_member_within_the_depth_limit_installs(tmp_path):
    deep = f"{GOOD_TOP}/" + "d/" * 20 + "x.txt"
    package = install_archive(make_archive(tmp_path / "ok.argosmodel", {**good_entries(), deep: "x"}), tmp_path / "pk")
    assert (package.path.parent / deep).read_text() == "x"


@pytest.mark.parametrize("method", [zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA],
                         ids=["deflate", "bzip2", "lzma"])
def test_corrupt_compressed_data_is_one_line(tmp_path, method):
    """zlib.error, OSError('Invalid data stream') and LZMAError escaped as tracebacks."""
    path = tmp_path / "corrupt.argosmodel"
    with zipfile.ZipFile(path, "w", method) as archive:
        for name, data in {**good_entries(), MODEL: bytes(range(256)) * 400}.items():
            archive.writestr(name, data)
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(MODEL)
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 5, start + info.compress_size - 5):
        data[i] = (data[i] * 7 + 13) & 0xFF
    path.write_bytes(data)
    with pytest.raises(L10nError) as err:
        install_archive(path, tmp_path / "pk")
    assert str(err.value).startswith(f"{path}: corrupt archive: ") and MODEL in str(err.value)
    assert_nothing_installed(tmp_path / "pk")


def test_an_installed_metadata_json_nested_too_deeply_is_skipped(tmp_path):
    folder = _installed_folder(tmp_path / "pk", b"[" * 100_000)
    with pytest.raises(L10nError, match="nested too deeply"):
        read_package(folder)
    assert list_packages(tmp_path / "pk") == []


@pytest.mark.parametrize("version", ["1" * 5000, "1.²", "٣"], ids=["5000-digits", "superscript", "arabic-digit"])
def test_a_hostile_package_version_is_just_a_version(tmp_path, version):
    """int() of a 5000-digit string raises ValueError (Python 3.11), and int('²') too."""
    install_archive(make_archive(tmp_path / "a.argosmodel", good_entries("translate-en_az-x", package_version=version)),
                    tmp_path / "pk")
    install_archive(make_archive(tmp_path / "b.argosmodel", good_entries()), tmp_path / "pk")
    assert find_package("en", "az", tmp_path / "pk").version in (version, "1.0")


def test_versions_still_sort_numerically():
    key = packages._version_key
    assert key("1.10") > key("1.9") > key("1.02") > key("1.1") and key("1.02") == key("1.2")
    assert key("1.0") == key("01.0") and key("2") > key("1.9")
    assert key("1" * 5000) > key("9" * 4999) and key("1.0-beta") > key("1.0")


# --- the package index and downloads ------------------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        route = self.server.routes.get(self.path)
        if route is None:
            self.send_error(404)
            return
        try:
            route(self)
        except OSError:  # the client went away
            pass

    def log_message(self, *args):
        pass


@pytest.fixture
def server(monkeypatch):
    """A local HTTP server on 127.0.0.1; tests put handlers in ``.routes`` (path -> fn(handler))."""
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    srv.routes = {}
    srv.stop = threading.Event()
    srv.sending = threading.Event()
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{srv.server_address[1]}/"
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", base)
    yield SimpleNamespace(base=base, routes=srv.routes, stop=srv.stop, sending=srv.sending)
    srv.stop.set()
    srv.shutdown()
    srv.server_close()


def body(data: bytes, length: int | None = -1, content_type: str = "application/octet-stream"):
    """A route sending ``data`` with a Content-Length (its real one; ``length`` another; None: none)."""

    def route(h):
        h.send_response(200)
        h.send_header("Content-Type", content_type)
        if length is not None:
            h.send_header("Content-Length", str(len(data) if length == -1 else length))
        h.end_headers()
        h.wfile.write(data)

    return route


def index_of(*entries) -> callable:
    return body(json.dumps(list(entries)).encode(), content_type="application/json")


def entry(*links, version="1.0", **extra) -> dict:
    return {"type": "translate", "from_code": "en", "to_code": "az", "package_version": version,
            "links": list(links), **extra}


def stream(block: bytes, times: int, length: int | None = None, every: float = 0.0, first: bytes = b""):
    """A route sending ``first`` then ``block`` up to ``times`` times (``every`` seconds apart),
    stopping early when the test ends or the client goes away."""

    def route(h):
        h.send_response(200)
        if length is not None:
            h.send_header("Content-Length", str(length))
        h.end_headers()
        h.wfile.write(first)
        h.server.sending.set()
        for _ in range(times):
            if h.server.stop.wait(every) if every else h.server.stop.is_set():
                return
            h.wfile.write(block)

    return route


def test_the_index_url_must_be_http(tmp_path, monkeypatch, server):
    """A file: index was read from disk (and its links followed)."""
    folder = tmp_path / "idx"
    folder.mkdir()
    server.routes["/en_az.argosmodel"] = body((DEMO / "en_az.argosmodel").read_bytes())
    (folder / "index.json").write_text(json.dumps([entry(server.base + "en_az.argosmodel")]))
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", folder.as_uri())
    with pytest.raises(L10nError, match=r"not an http\(s\) URL"):
        install(["en:az"], tmp_path / "pk")
    assert_nothing_installed(tmp_path / "pk")


@pytest.mark.parametrize("scheme", ["file", "data", "ftp"])
def test_links_must_be_http(tmp_path, server, scheme):
    """A file:///dev/zero link wrote 2.8 GB in 8 s; here a file: link to a real package is refused."""
    link = {"file": (DEMO / "en_az.argosmodel").as_uri(), "data": "data:application/zip;base64,UEsFBg==",
            "ftp": "ftp://127.0.0.1:9/en_az.argosmodel"}[scheme]
    server.routes["/index.json"] = index_of(entry(link))
    with pytest.raises(L10nError, match=r"not an http\(s\) URL") as err:
        install(["en:az"], tmp_path / "pk")
    assert "\n" not in str(err.value)
    assert_nothing_installed(tmp_path / "pk")


def test_a_redirect_to_another_scheme_is_refused(tmp_path, server):
    def redirect(h):
        h.send_response(302)
        h.send_header("Location", "ftp://127.0.0.1:9/en_az.argosmodel")
        h.end_headers()

    server.routes["/index.json"] = index_of(entry(server.base + "moved.argosmodel"))
    server.routes["/moved.argosmodel"] = redirect
    with pytest.raises(L10nError, match=r"http\(s\)"):
        install(["en:az"], tmp_path / "pk")


def test_the_index_is_read_up_to_its_cap_only(tmp_path, monkeypatch, server):
    """index.json was read whole (response.read()), however long the server kept sending."""
    monkeypatch.setattr(index_module, "MAX_INDEX_BYTES", 10_000, raising=False)
    server.routes["/index.json"] = stream(b" " * 1000, times=5000, first=b"[")  # up to 5 MB, no length
    started = time.monotonic()
    with pytest.raises(L10nError, match="the package index at .*index.json is refused: it is larger than 10000 bytes"):
        install(["en:az"], tmp_path / "pk")
    assert time.monotonic() - started < 5


def test_an_index_announcing_more_than_the_cap_is_refused_unread(tmp_path, monkeypatch, server):
    monkeypatch.setattr(index_module, "MAX_INDEX_BYTES", 10_000, raising=False)
    server.routes["/index.json"] = body(b"[]", length=10**9)
    with pytest.raises(L10nError, match="announces 1000000000 bytes"):
        install(["en:az"], tmp_path / "pk")


@pytest.mark.parametrize(
    "index, message",
    [
        (b"[" * 100_000, "nested too deeply"),
        (json.dumps([{**entry(version="1" * 5000), "links": 5}, entry("http://127.0.0.1:9/x")]).encode(),
         "'links' must be a list of URLs"),
        (json.dumps([{**entry(), "links": 5}]).encode(), "'links' must be a list of URLs"),
        (json.dumps([{**entry(), "links": ["http://127.0.0.1:9/x", 5]}]).encode(), "'links' must be a list of URLs"),
        (json.dumps([{**entry(), "links": "http://127.0.0.1:9/x.argosmodel"}]).encode(), "'links' must be a list"),
        (json.dumps([{**entry("http://127.0.0.1:9/x"), "package_version": "1" * 5000}]).encode(), "cannot reach"),
        (json.dumps({"packages": []}).encode(), "not a JSON list"),
    ],
    ids=["nested", "big-version-and-int-links", "links-int", "links-mixed", "links-string", "version-5000-digits",
         "object"],
)
def test_a_malformed_index_is_one_line(tmp_path, server, index, message):
    server.routes["/index.json"] = body(index)
    with pytest.raises(L10nError) as err:
        install(["en:az"], tmp_path / "pk")
    assert message in str(err.value) and "\n" not in str(err.value)
    result = CliRunner().invoke(app, ["models", "install", "en:az", "--dir", str(tmp_path / "pk")])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1, result.output


def test_only_the_first_links_of_an_entry_are_tried(tmp_path, server):
    tried = []

    def missing(h):
        tried.append(h.path)
        h.send_error(404)

    links = [f"{server.base}missing-{i}.argosmodel" for i in range(1000)]
    for link in links:
        server.routes[link[len(server.base) - 1:]] = missing
    server.routes["/index.json"] = index_of(entry(*links))
    with pytest.raises(L10nError) as err:
        install(["en:az"], tmp_path / "pk")
    assert len(tried) == index_module.MAX_LINKS == 8
    assert str(err.value).count("Not Found") == 8


def test_index_entries_that_are_not_objects_are_skipped(tmp_path, server):
    server.routes["/en_az.argosmodel"] = body((DEMO / "en_az.argosmodel").read_bytes())
    server.routes["/index.json"] = body(json.dumps([5, None, "x", [1], entry(server.base + "en_az.argosmodel")]).encode())
    (package,) = install(["en:az"], tmp_path / "pk")
    assert package.pair == "en:az"


def test_a_download_announcing_more_than_the_cap_is_refused_unread(tmp_path, monkeypatch, server):
    monkeypatch.setattr(index_module, "MAX_DOWNLOAD_BYTES", 100_000, raising=False)
    server.routes["/index.json"] = index_of(entry(server.base + "big.argosmodel"))
    server.routes["/big.argosmodel"] = stream(b"x" * 1000, times=1000, length=10**12)
    with pytest.raises(L10nError, match="announces 1000000000000 bytes"):
        install(["en:az"], tmp_path / "pk")


def test_a_download_without_a_length_stops_at_the_cap(tmp_path, monkeypatch, server):
    monkeypatch.setattr(index_module, "MAX_DOWNLOAD_BYTES", 100_000, raising=False)
    server.routes["/index.json"] = index_of(entry(server.base + "big.argosmodel"))
    server.routes["/big.argosmodel"] = stream(b"x" * 1000, times=5000)  # 5 MB, no Content-Length
    seen = []
    with pytest.raises(L10nError, match="big.argosmodel is refused: it is larger than 100000 bytes"):
        install(["en:az"], tmp_path / "pk", progress=lambda done, total, label: seen.append(done))
    assert max(seen) <= 100_000


def test_a_body_longer_than_its_content_length_is_refused(tmp_path, server):
    """Chunked transfer ignores Content-Length: the body may run past it; it is cut off there."""

    def liar(h):
        h.protocol_version = "HTTP/1.1"
        h.send_response(200)
        h.send_header("Content-Length", "1000")
        h.send_header("Transfer-Encoding", "chunked")
        h.send_header("Connection", "close")
        h.end_headers()
        for _ in range(100):
            h.wfile.write(b"3e8\r\n" + b"x" * 1000 + b"\r\n")
        h.wfile.write(b"0\r\n\r\n")

    server.routes["/index.json"] = index_of(entry(server.base + "liar.argosmodel"))
    server.routes["/liar.argosmodel"] = liar
    with pytest.raises(L10nError, match="more than the 1000 bytes it announced"):
        install(["en:az"], tmp_path / "pk")


@pytest.mark.parametrize("where", ["body", "headers"])
def test_a_dripping_server_meets_the_deadline(tmp_path, monkeypatch, server, where):
    """A byte every 2 s kept an install alive forever (each read is within the socket timeout)."""
    monkeypatch.setattr(index_module, "DOWNLOAD_DEADLINE", 1.5, raising=False)

    def drip_headers(h):
        h.wfile.write(b"HTTP/1.0 200 OK\r\nX-Slow: ")
        for _ in range(100):
            if h.server.stop.wait(0.1):
                return
            h.wfile.write(b"x")

    server.routes["/index.json"] = index_of(entry(server.base + "slow.argosmodel"))
    server.routes["/slow.argosmodel"] = (
        stream(b"x", times=100, length=10**6, every=0.1) if where == "body" else drip_headers
    )
    started = time.monotonic()
    with pytest.raises(L10nError, match=r"took longer than 1.5 s") as err:
        install(["en:az"], tmp_path / "pk")
    assert time.monotonic() - started < 6
    assert "slow.argosmodel" in str(err.value)


def test_a_garbage_response_is_one_line(tmp_path, server):
    """http.client's BadStatusLine is no OSError: it escaped urllib and _fetch as a traceback."""
    server.routes["/index.json"] = lambda h: h.wfile.write(b"garbage\r\n\r\n")
    with pytest.raises(L10nError, match="cannot reach .*index.json"):
        install(["en:az"], tmp_path / "pk")


def test_a_valid_download_is_unchanged(tmp_path, server):
    data = (DEMO / "en_az.argosmodel").read_bytes()
    server.routes["/index.json"] = index_of(entry(server.base + "a.argosmodel"))
    server.routes["/a.argosmodel"] = body(data, length=None)  # no Content-Length: read to the end
    seen = []
    (package,) = install(["en:az"], tmp_path / "pk", progress=lambda done, total, label: seen.append((done, total)))
    assert package.pair == "en:az" and seen[-1] == (len(data), None)


def test_a_signal_right_after_the_old_package_is_moved_aside_puts_it_back(tmp_path, monkeypatch):
    """SIGTERM now raises during installs (as SIGINT did): one arriving between the two renames
    of a reinstall must not let the staging cleanup delete the package that was installed."""
    install_archive(DEMO / "en_az.argosmodel", tmp_path / "pk")
    real_replace = os.replace

    def interrupted_after_moving_aside(src, dst):
        real_replace(src, dst)
        if Path(dst).parent.name == "old":
            raise KeyboardInterrupt  # as a handler would, at the next bytecode

    monkeypatch.setattr(install_module.os, "replace", interrupted_after_moving_aside)
    with pytest.raises(KeyboardInterrupt):
        install_archive(DEMO / "en_az.argosmodel", tmp_path / "pk")
    monkeypatch.undo()
    assert [p.pair for p in list_packages(tmp_path / "pk")] == ["en:az"]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_during_a_download_leaves_nothing_behind(tmp_path, server, signum):
    """A SIGTERM during a download left /tmp/l10n-download-*/ (and its .part) behind."""
    server.routes["/index.json"] = index_of(entry(server.base + "slow.argosmodel"))
    server.routes["/slow.argosmodel"] = stream(b"x", times=300, length=10**7, every=0.1, first=b"PK" * 40_000)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = {**os.environ, "TMPDIR": str(tmp), "ARGOS_PACKAGE_INDEX": server.base}
    proc = subprocess.Popen(
        [sys.executable, "-m", "l10n", "models", "install", "en:az", "--dir", str(tmp_path / "pk")],
        env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    try:
        assert server.sending.wait(30), "the download did not start"
        give_up = time.monotonic() + 10
        while not list(tmp.glob("l10n-download-*/*.part")) and time.monotonic() < give_up:
            time.sleep(0.05)
        time.sleep(0.3)  # in the middle of the body
        assert proc.poll() is None
        proc.send_signal(signum)
        _out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    stderr = err.decode()
    assert "Traceback" not in stderr, stderr
    assert list(tmp.iterdir()) == []
    assert list(tmp_path.rglob("*.part")) == []
    assert_nothing_installed(tmp_path / "pk")
    assert proc.returncode == (128 + signal.SIGTERM if signum == signal.SIGTERM else 130), (proc.returncode, stderr)
