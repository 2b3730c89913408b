#!/usr/bin/env python3
"""Turn a checkout into Atelier's installers for the host platform (desktop/ARCHITECTURE.md, Packaging).

    python build_installer.py                 # bundle + installers into dist/
    python build_installer.py --skip-package  # the PyInstaller bundle only
    python build_installer.py --clean         # wipe build/installer and dist/ first

Linux: ``dist/atelier-<version>-linux-<arch>.tar.gz`` and ``dist/atelier_<version>_<debarch>.deb``.
Windows: an Inno Setup script compiled by ``iscc`` into ``dist/atelier-<version>-windows-x64-setup.exe``.
macOS: ``dist/Atelier.app`` and ``dist/atelier-<version>-macos-<arch>.dmg`` made by ``hdiutil``.

PyInstaller runs in a subprocess on a spec generated into build/installer/; that spec imports this module
again and calls :func:`freeze`, so the bundle's contents (what is kept, what is dropped) are decided here.
The templates (desktop entry, AppStream metainfo, Debian control, launcher, Inno Setup script, Info.plist)
live in resources/packaging/; the app icon's PNG/ICO/ICNS files are rendered from resources/icons/atelier.svg
on every build, into build/installer/icons.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime
import fnmatch
import importlib.metadata
import importlib.util
import json
import os
import platform
import plistlib
import posixpath
import re
import shutil
import stat
import string
import struct
import subprocess
import sys
import tarfile
import tomllib
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

ROOT = Path(__file__).resolve().parent


def app_id() -> str:
    """The reverse-DNS id from desktop/__init__.py (read as text: building needs no import of the app)."""
    text = (ROOT / "desktop" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^APP_ID = "([^"]+)"', text, re.MULTILINE)
    if match is None:
        raise SystemExit("desktop/__init__.py defines no APP_ID")
    return match.group(1)

TEMPLATES = ROOT / "resources" / "packaging"
ICON_SVG = ROOT / "resources" / "icons" / "atelier.svg"

APP_NAME = "Atelier"
EXE_NAME = "atelier"  # the executable, the Debian package and the /usr/bin launcher
PACKAGE = "atelier"
APP_ID = app_id()
SUMMARY = "Your freelance marketplace, fast and offline-first"
DEVELOPER_ID = "app.atelier"
DEVELOPER_NAME = "The Atelier developers"
MAINTAINER = "Atelier maintainers <maintainers@atelier.app>"
LINUX_INSTALL_DIR = "/opt/atelier"
# Inno Setup finds an earlier install by AppId: derive it from APP_ID so it never changes between builds.
WINDOWS_APP_GUID = str(uuid.uuid5(uuid.NAMESPACE_DNS, APP_ID)).upper()

# desktop/ARCHITECTURE.md, Packaging. libc6's floor is raised at build time when the bundled libraries
# need a newer glibc.
DEB_DEPENDS = ("libc6 (>= 2.34)", "libgl1", "libegl1", "libxcb1", "fontconfig-config", "fonts-dejavu-core")
MIN_GLIBC = (2, 34)
# Shared libraries the bundle may leave to the system because the Depends above provide them (PyInstaller
# never bundles glibc, the GL/EGL stack or libxcb itself: they must match the machine's drivers and X).
SYSTEM_LIBRARIES = frozenset({
    "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1", "libc.so.6", "libm.so.6", "libdl.so.2",
    "libpthread.so.0", "librt.so.1", "libutil.so.1", "libresolv.so.2", "libcrypt.so.1",
    "libGL.so.1", "libGLX.so.0", "libOpenGL.so.0", "libGLdispatch.so.0", "libEGL.so.1", "libxcb.so.1",
})

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
HICOLOR_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # 256 is the largest an ICO entry can describe
# ICNS element types holding PNG data: type code -> pixel size (Apple's icns format, macOS 10.7+).
ICNS_TYPES = {
    "icp4": 16, "icp5": 32, "icp6": 64, "ic07": 128, "ic08": 256, "ic09": 512, "ic10": 1024,
    "ic11": 32, "ic12": 64, "ic13": 256, "ic14": 512,
}

# Bundle paths (as PyInstaller names them inside the bundle, "/"-separated) a Widgets app never loads.
# Kept on purpose: platforms xcb (X11 and XWayland) and offscreen (--self-test), Windows' and Cocoa's
# platform plugins, iconengines + imageformats/svg (the icons are SVG), QtCharts and the libraries it links.
LEAN_EXCLUDED_PATTERNS = (
    # Platform plugins for embedded screens, VNC, Vulkan displays and native Wayland. Under Wayland the
    # app runs through XWayland; libqwayland pulls in the Wayland client stack and its decorations.
    "*/plugins/platforms/*eglfs*", "*/plugins/platforms/*linuxfb*", "*/plugins/platforms/*minimal*",
    "*/plugins/platforms/*vnc*", "*/plugins/platforms/*vkkhrdisplay*", "*/plugins/platforms/*wayland*",
    "*/plugins/platforms/*direct2d*",
    "*/plugins/egldeviceintegrations/*", "*/plugins/wayland-*", "*/plugins/generic/*",
    # The GTK3 theme plugin links the build host's GTK, cairo, pango, atk... (desktop/ARCHITECTURE.md).
    "*/plugins/platformthemes/*gtk3*",
    "*/plugins/platforminputcontexts/*virtualkeyboard*",
    # Image formats nothing in the app shows (PDF pages, TIFF, TGA, WBMP); PNG is built in, SVG stays.
    "*/plugins/imageformats/*pdf*", "*/plugins/imageformats/*tiff*", "*/plugins/imageformats/*tga*",
    "*/plugins/imageformats/*wbmp*",
    # Qt Network's reachability plugins: the app talks HTTP through httpx, not QtNetwork.
    "*/plugins/networkinformation/*",
    # Libraries only the dropped plugins or unused modules link.
    "*Qt6Qml*", "*Qt6Quick*", "*Qt6VirtualKeyboard*", "*Qt6Pdf*", "*Qt6WebEngine*", "*Qt63D*",
    "*Qt6Wayland*", "*Qt6WlShell*", "*Qt6EglFS*", "*Qt6EglFs*", "*Qt6Multimedia*",
    "*/QtQml*.framework/*", "*/QtQuick*.framework/*", "*/QtVirtualKeyboard*.framework/*",
    "*/QtPdf*.framework/*", "*/QtWebEngine*.framework/*",
    # Qt Help's translations; the qt_* and qtbase_* catalogs stay for the standard dialogs.
    "*/translations/qt_help_*",
)
# Python modules the dependency scan finds but the app never imports at run time.
EXCLUDED_MODULES = (
    "tkinter", "_tkinter", "mypy", "pydantic.mypy", "pytest", "_pytest", "pytestqt", "pytest_asyncio",
    "pytest_timeout", "psutil", "pip", "IPython", "lib2to3",
    # QtCharts' hook adds the bindings of every Qt library it links; the app only uses these four
    # (plus QtSvg's plugins, which need no binding). The C++ libraries themselves stay.
    "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets", "PySide6.QtDBus", "PySide6.QtNetwork", "PySide6.QtQml",
    "PySide6.QtQuick", "PySide6.QtQuickWidgets", "PySide6.QtPdf", "PySide6.QtWebEngineCore",
    "PySide6.QtMultimedia",
)
# Imported lazily or through plugin discovery, so the scan would not see them (desktop/ARCHITECTURE.md,
# Packaging: the frozen app runs the embedded demo server, keeps tokens in the keychain and streams events).
HIDDEN_IMPORTS = (
    "PySide6.QtCharts", "PySide6.QtSvg",
    "desktop.sandbox.harness", "desktop.ui.main_window",
    "desktop.api.schemas",  # imported at the first reply (desktop/api/lazy.py)
    # Upwork accounts and `--demo upwork` import these lazily, so PyInstaller cannot see them
    "desktop.api.upwork", "desktop.services.upwork_signin", "desktop.sandbox.upwork.harness",
    "ariadne", "ariadne.asgi", "graphql",
    "fastapi", "starlette", "uvicorn", "uvicorn.logging", "uvicorn.protocols.http.h11_impl",
    "uvicorn.lifespan.on", "uvicorn.loops.asyncio", "h11", "anyio._backends._asyncio", "pydantic",
    "httpx_sse", "keyring.backends.SecretService", "keyring.backends.kwallet", "keyring.backends.libsecret",
    "keyring.backends.Windows", "keyring.backends.macOS",
)
# What the finished bundle must contain (module names in the archive; paths "/"-separated): the build fails
# when one is missing rather than shipping an app that breaks at its first sync.
REQUIRED_MODULES = (
    "desktop.app", "desktop.api.schemas", "desktop.sandbox.harness", "fastapi", "starlette", "uvicorn",
    "pydantic", "anyio", "h11", "httpx_sse", "PySide6.QtCharts", "desktop.api.upwork.adapter",
    "desktop.sandbox.upwork.harness", "ariadne", "graphql",
)
# Each platform's keychain backend and what it imports (keyring skips a backend whose imports fail).
REQUIRED_KEYCHAIN_MODULES = {
    "linux": ("keyring.backends.SecretService", "secretstorage", "jeepney"),
    "windows": ("keyring.backends.Windows", "win32ctypes"),
    "macos": ("keyring.backends.macOS",),
}
REQUIRED_FILES = {
    "linux": ("*/plugins/platforms/libqxcb.so", "*/plugins/platforms/libqoffscreen.so",
              "*/plugins/iconengines/libqsvgicon.so", "*libQt6Svg.so*", "*libQt6Charts.so*"),
    "windows": ("*/plugins/platforms/qwindows.dll", "*/plugins/platforms/qoffscreen.dll",
                "*/plugins/iconengines/qsvgicon.dll", "*Qt6Svg.dll", "*Qt6Charts.dll"),
    "macos": ("*/plugins/platforms/libqcocoa.dylib", "*/plugins/platforms/libqoffscreen.dylib",
              "*/plugins/iconengines/libqsvgicon.dylib", "*QtSvg*", "*QtCharts*"),
}

HostSystem = Literal["linux", "windows", "macos"]


class BuildError(Exception):
    """A failure with a message meant for the person running the build (no traceback)."""


class UnsupportedHostError(BuildError):
    pass


# --- host -------------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Host:
    system: HostSystem
    arch: str  # x86_64, aarch64 (Linux), x64 (Windows), x86_64 or arm64 (macOS)

    @property
    def deb_arch(self) -> str:
        return {"x86_64": "amd64", "aarch64": "arm64"}[self.arch]


def detect_host(platform_name: str | None = None, machine: str | None = None) -> Host:
    """The host to build for, from ``sys.platform`` and ``platform.machine()`` unless given."""
    platform_name = sys.platform if platform_name is None else platform_name
    machine = (platform.machine() if machine is None else machine).lower()
    if platform_name.startswith("linux") and machine in ("x86_64", "amd64", "aarch64", "arm64"):
        return Host("linux", "aarch64" if machine in ("aarch64", "arm64") else "x86_64")
    if platform_name in ("win32", "cygwin") and machine in ("amd64", "x86_64"):
        return Host("windows", "x64")
    if platform_name == "darwin" and machine in ("x86_64", "arm64"):
        return Host("macos", machine)
    raise UnsupportedHostError(
        f"cannot build installers on {platform_name!r} ({machine or 'unknown machine'}): supported hosts are "
        "Linux (x86_64, aarch64), Windows (x64) and macOS (x86_64, arm64)")


# --- version ----------------------------------------------------------------------------------------------


def project_version(root: Path = ROOT) -> str:
    with (root / "pyproject.toml").open("rb") as fh:
        return str(tomllib.load(fh)["project"]["version"])


def numeric_version(version: str) -> str:
    """The leading ``X.Y.Z`` of a PEP 440 version: Windows' VersionInfo and macOS' bundle versions take only
    numbers."""
    match = re.match(r"\d+(?:\.\d+){0,2}", version)
    if not match:
        raise BuildError(f"version {version!r} does not start with a number")
    parts = match.group(0).split(".")
    return ".".join(parts + ["0"] * (3 - len(parts)))


def debian_version(version: str) -> str:
    """PEP 440 -> Debian: pre-releases sort before the release with '~' (1.0rc1 -> 1.0~rc1)."""
    return re.sub(r"[.-]?(a|b|rc|dev)(\d*)", r"~\1\2", version, count=1)


# --- templates --------------------------------------------------------------------------------------------


def render_template(relative_path: str, **values: str) -> str:
    """resources/packaging/<relative_path> with ``${name}`` filled in; a missing value is an error."""
    text = (TEMPLATES / relative_path).read_text(encoding="utf-8")
    try:
        return string.Template(text).substitute(values)
    except KeyError as exc:
        raise BuildError(f"template {relative_path} needs a value for {exc}") from None


def _common_values() -> dict[str, str]:
    return {"app_name": APP_NAME, "exe_name": EXE_NAME, "app_id": APP_ID, "summary": SUMMARY,
            "developer_id": DEVELOPER_ID, "developer_name": DEVELOPER_NAME, "package": PACKAGE,
            "install_dir": LINUX_INSTALL_DIR}


def desktop_entry() -> str:
    return render_template("linux/atelier.desktop.in", **_common_values())


def metainfo(version: str, release_date: datetime.date) -> str:
    return render_template("linux/atelier.metainfo.xml.in", **_common_values(), version=version,
                           release_date=release_date.isoformat())


def launcher_script() -> str:
    return render_template("linux/atelier-launcher.sh.in", **_common_values())


def debian_control(version: str, architecture: str, installed_size_kib: int, depends: Sequence[str]) -> str:
    return render_template("linux/control.in", **_common_values(), version=debian_version(version),
                           architecture=architecture, installed_size=str(installed_size_kib),
                           maintainer=MAINTAINER, depends=", ".join(depends))


def debian_copyright() -> str:
    return render_template("linux/copyright.in", **_common_values())


def inno_setup_script(version: str, bundle_dir: Path, icon_file: Path, output_dir: Path) -> str:
    return render_template(
        "windows/atelier.iss.in", **_common_values(), version=version,
        numeric_version=numeric_version(version), app_guid=WINDOWS_APP_GUID, bundle_dir=str(bundle_dir),
        icon_file=str(icon_file),
        output_dir=str(output_dir), output_base_name=windows_installer_name(version).removesuffix(".exe"))


def info_plist(version: str, minimum_macos: str = "12.0") -> dict[str, Any]:
    text = render_template("macos/Info.plist.in", **_common_values(),
                           numeric_version=numeric_version(version), icon_file=f"{EXE_NAME}.icns",
                           minimum_macos=minimum_macos)
    return dict(plistlib.loads(text.encode("utf-8")))


def minimum_macos_from_wheel_tags(wheel_metadata: str, default: str = "12.0") -> str:
    """The macOS release PySide6's wheel was built for (``Tag: ...-macosx_13_0_universal2``): the app can
    not run on anything older, so Info.plist should say so rather than crash at launch."""
    found = [(int(major), int(minor)) for major, minor in re.findall(r"macosx_(\d+)_(\d+)", wheel_metadata)]
    return "{}.{}".format(*max(found)) if found else default


def release_date() -> datetime.date:
    """SOURCE_DATE_EPOCH when set (reproducible builds), otherwise today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC).date()
    return datetime.date.today()


# --- artifact names ---------------------------------------------------------------------------------------


def tarball_name(version: str, host: Host) -> str:
    return f"{PACKAGE}-{version}-linux-{host.arch}.tar.gz"


def deb_name(version: str, host: Host) -> str:
    return f"{PACKAGE}_{debian_version(version)}_{host.deb_arch}.deb"


def windows_installer_name(version: str) -> str:
    return f"{PACKAGE}-{version}-windows-x64-setup.exe"


def dmg_name(version: str, host: Host) -> str:
    return f"{PACKAGE}-{version}-macos-{host.arch}.dmg"


# --- icons ------------------------------------------------------------------------------------------------


def render_png(svg: Path, size: int) -> bytes:
    """The SVG rendered to a square PNG. QSvgRenderer and a raster QImage need no QGuiApplication (and
    creating one here would clash with the test suite's QApplication)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise BuildError(f"{svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # the stubs want bytes, Qt a str
        raise BuildError(f"could not encode the {size} px icon as PNG")
    buffer.close()
    return bytes(data.data())


def png_dimensions(png: bytes) -> tuple[int, int]:
    if png[:8] != b"\x89PNG\r\n\x1a\n" or png[12:16] != b"IHDR":
        raise BuildError("not a PNG image")
    width, height = struct.unpack(">II", png[16:24])
    return int(width), int(height)


def ico_bytes(pngs: Mapping[int, bytes]) -> bytes:
    """A Windows .ico holding PNG images (allowed since Vista): ICONDIR, one ICONDIRENTRY per size, data."""
    sizes = sorted(pngs)
    if not sizes or sizes[-1] > 256:
        raise BuildError("an ICO holds images of 1 to 256 pixels")
    header = struct.pack("<HHH", 0, 1, len(sizes))  # reserved, type 1 = icon, count
    offset = len(header) + 16 * len(sizes)
    entries, blobs = [], []
    for size in sizes:
        data = pngs[size]
        # Width/height are one byte each; 0 means 256. Planes 1, 32 bits per pixel.
        entries.append(struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(data), offset))
        blobs.append(data)
        offset += len(data)
    return header + b"".join(entries) + b"".join(blobs)


def icns_bytes(pngs: Mapping[int, bytes]) -> bytes:
    """A macOS .icns: 'icns' + total length, then (type, length incl. 8-byte header, PNG) per element."""
    elements = b""
    for icon_type, size in ICNS_TYPES.items():
        if size in pngs:
            elements += icon_type.encode("ascii") + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
    if not elements:
        raise BuildError("no icon size fits an ICNS element")
    return b"icns" + struct.pack(">I", 8 + len(elements)) + elements


@dataclasses.dataclass(frozen=True)
class IconSet:
    svg: Path
    pngs: dict[int, Path]
    ico: Path
    icns: Path


def generate_icons(svg: Path, out_dir: Path) -> IconSet:
    out_dir.mkdir(parents=True, exist_ok=True)
    rendered = {size: render_png(svg, size) for size in PNG_SIZES}
    png_paths: dict[int, Path] = {}
    for size, data in rendered.items():
        png_paths[size] = out_dir / f"{EXE_NAME}-{size}.png"
        png_paths[size].write_bytes(data)
    ico = out_dir / f"{EXE_NAME}.ico"
    ico.write_bytes(ico_bytes({size: rendered[size] for size in ICO_SIZES}))
    icns = out_dir / f"{EXE_NAME}.icns"
    icns.write_bytes(icns_bytes(rendered))
    shutil.copy2(svg, out_dir / f"{EXE_NAME}.svg")
    return IconSet(out_dir / f"{EXE_NAME}.svg", png_paths, ico, icns)


# --- ELF inspection (Linux bundles) -----------------------------------------------------------------------

_SHT_DYNAMIC = 6
_SHT_GNU_VERNEED = 0x6FFFFFFE
_DT_NEEDED = 1


@dataclasses.dataclass(frozen=True)
class ElfLinks:
    needed: tuple[str, ...]  # DT_NEEDED: the libraries the loader must find
    glibc: tuple[int, int] | None  # the newest GLIBC_x.y symbol version it asks for


def read_elf_links(path: Path) -> ElfLinks | None:
    """DT_NEEDED entries and the newest glibc symbol version of a 64-bit little-endian ELF file; None for
    anything else. Reading the section headers directly keeps this free of binutils and fast enough to run
    over a whole bundle."""
    with path.open("rb") as fh:
        ident = fh.read(64)
        if len(ident) < 64 or ident[:4] != b"\x7fELF" or ident[4] != 2 or ident[5] != 1:
            return None
        (shoff,) = struct.unpack_from("<Q", ident, 0x28)
        shentsize, shnum = struct.unpack_from("<HH", ident, 0x3A)
        if not shoff or shentsize != 64:
            return None
        fh.seek(shoff)
        table = fh.read(shentsize * shnum)
        sections = [struct.unpack_from("<IIQQQQIIQQ", table, i * shentsize) for i in range(shnum)]

        def read_section(index: int) -> bytes:
            fh.seek(sections[index][4])
            return fh.read(sections[index][5])

        def c_string(blob: bytes, offset: int) -> str:
            return blob[offset:blob.index(b"\0", offset)].decode("utf-8", "replace")

        needed: list[str] = []
        newest: tuple[int, int] | None = None
        for index, (_, kind, _, _, _, _, link, info, _, _) in enumerate(sections):
            if kind == _SHT_DYNAMIC:
                strings, dynamic = read_section(link), read_section(index)
                for tag, value in struct.iter_unpack("<qQ", dynamic[: len(dynamic) // 16 * 16]):
                    if tag == 0:
                        break
                    if tag == _DT_NEEDED:
                        needed.append(c_string(strings, value))
            elif kind == _SHT_GNU_VERNEED:
                strings, blob = read_section(link), read_section(index)
                position = 0
                for _ in range(info):
                    _, count, _, aux, next_need = struct.unpack_from("<HHIII", blob, position)
                    aux_position = position + aux
                    for _ in range(count):
                        _, _, _, name, next_aux = struct.unpack_from("<IHHII", blob, aux_position)
                        match = re.fullmatch(r"GLIBC_(\d+)\.(\d+)", c_string(strings, name))
                        if match:
                            version = (int(match.group(1)), int(match.group(2)))
                            newest = version if newest is None else max(newest, version)
                        aux_position += next_aux
                    if not next_need:
                        break
                    position += next_need
        return ElfLinks(tuple(needed), newest)


def _bundle_elf_files(bundle_dir: Path) -> dict[Path, ElfLinks]:
    found: dict[Path, ElfLinks] = {}
    for path in sorted(bundle_dir.rglob("*")):
        if path.is_file() and not path.is_symlink():
            links = read_elf_links(path)
            if links is not None:
                found[path] = links
    return found


def unresolved_libraries(bundle_dir: Path) -> dict[str, list[str]]:
    """Libraries some bundled ELF file needs that are neither in the bundle nor provided by a declared
    dependency: each one is a crash on a machine that lacks it. Maps library -> files that need it."""
    elf_files = _bundle_elf_files(bundle_dir)
    present = {path.name for path in bundle_dir.rglob("*")}
    missing: dict[str, list[str]] = {}
    for path, links in elf_files.items():
        for name in links.needed:
            if name not in present and name not in SYSTEM_LIBRARIES:
                missing.setdefault(name, []).append(str(path.relative_to(bundle_dir)))
    return missing


def glibc_floor(bundle_dir: Path) -> tuple[int, int]:
    """The oldest glibc the bundle runs on: the newest symbol version any bundled file asks for. Libraries
    copied from the build host (libpython, libstdc++) can need more than PySide6's 2.34."""
    versions = [links.glibc for links in _bundle_elf_files(bundle_dir).values() if links.glibc]
    return max([MIN_GLIBC, *versions])


def deb_depends(glibc: tuple[int, int]) -> list[str]:
    depends = list(DEB_DEPENDS)
    depends[0] = f"libc6 (>= {glibc[0]}.{glibc[1]})"
    return depends


# --- bundle contents (run inside PyInstaller, through the generated spec) ----------------------------------

TocEntry = tuple[str, str, str]  # (name in the bundle, source path, type code)


def is_lean_excluded(bundle_name: str) -> bool:
    name = "/" + bundle_name.replace("\\", "/")
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in LEAN_EXCLUDED_PATTERNS)


def orphaned_libraries(kept: Sequence[TocEntry], removed: Sequence[TocEntry],
                       links_of: Callable[[TocEntry], Iterable[str]]) -> set[str]:
    """Names of kept libraries that were collected only because a removed binary links them (the GTK theme
    plugin drags in GTK, cairo, pango...): reachable from ``removed`` but not from anything else kept."""
    by_name: dict[str, list[TocEntry]] = {}
    for entry in kept:
        by_name.setdefault(Path(entry[0]).name, []).append(entry)

    def reach(roots: Iterable[TocEntry]) -> set[str]:
        seen: set[str] = set()
        stack = list(roots)
        while stack:
            for name in links_of(stack.pop()):
                if name not in seen and name in by_name:
                    seen.add(name)
                    stack.extend(by_name[name])
        return seen

    candidates = reach(removed)
    roots = [entry for entry in kept if Path(entry[0]).name not in candidates]
    return candidates - reach(roots)


def _toc_links(entry: TocEntry) -> Iterable[str]:
    _, source, kind = entry
    if kind == "SYMLINK":  # PyInstaller's top-level links to PySide6/Qt/lib/...: follow to the target
        return [Path(source).name]
    links = read_elf_links(Path(source)) if os.path.isfile(source) else None
    return links.needed if links else []


def lean_binaries(binaries: Sequence[TocEntry], system: HostSystem) -> tuple[list[TocEntry], list[str]]:
    """The binaries to ship and the names of those dropped."""
    removed = [entry for entry in binaries if is_lean_excluded(entry[0])]
    kept = [entry for entry in binaries if not is_lean_excluded(entry[0])]
    if system == "linux":
        orphans = orphaned_libraries(kept, removed, _toc_links)
        removed += [entry for entry in kept if Path(entry[0]).name in orphans]
        kept = [entry for entry in kept if Path(entry[0]).name not in orphans]
    return kept, sorted(entry[0] for entry in removed)


def without_dangling_symlinks(entries: Sequence[TocEntry], binaries: Sequence[TocEntry]) -> list[TocEntry]:
    """PyInstaller links top-level library names to their real place (libQt6Core.so.6 ->
    PySide6/Qt/lib/libQt6Core.so.6) with SYMLINK entries among the data files, the target relative to the
    link's folder: drop the links whose target was dropped."""
    present = {entry[0].replace("\\", "/") for entry in [*binaries, *entries] if entry[2] != "SYMLINK"}

    def target(entry: TocEntry) -> str:
        link = entry[0].replace("\\", "/")
        return posixpath.normpath(posixpath.join(posixpath.dirname(link), entry[1].replace("\\", "/")))

    return [entry for entry in entries if entry[2] != "SYMLINK" or target(entry) in present]


def extension_modules(binaries: Iterable[TocEntry]) -> list[str]:
    """Module names of the compiled extensions: "PySide6/QtCharts.abi3.so" -> "PySide6.QtCharts"."""
    names = []
    for name, _, kind in binaries:
        if kind == "EXTENSION":
            folder, _, file_name = name.replace("\\", "/").rpartition("/")
            names.append(".".join(filter(None, [*folder.split("/"), file_name.split(".")[0]])))
    return names


def check_bundle_contents(module_names: Iterable[str], file_names: Iterable[str], system: HostSystem) -> None:
    modules = set(module_names)
    files = ["/" + name.replace("\\", "/") for name in file_names]
    problems = [f"module {name}" for name in (*REQUIRED_MODULES, *REQUIRED_KEYCHAIN_MODULES[system])
                if name not in modules]
    problems += [f"file {pattern}" for pattern in REQUIRED_FILES[system]
                 if not any(fnmatch.fnmatchcase(name, pattern) for name in files)]
    if problems:
        raise BuildError("the bundle would lack what the app needs: " + ", ".join(problems))


@dataclasses.dataclass(frozen=True)
class SpecSettings:
    """What the generated spec hands back to :func:`freeze` (JSON, since the spec is a text file)."""

    root: str
    system: HostSystem
    version: str
    icon: str  # .ico on Windows, .icns on macOS, the 256 px PNG elsewhere
    info_plist: dict[str, Any]

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self))

    @classmethod
    def from_json(cls, text: str) -> SpecSettings:
        return cls(**json.loads(text))


def freeze(spec: Mapping[str, Any], settings: SpecSettings) -> None:
    """The body of the PyInstaller spec; ``spec`` is the spec's globals (Analysis, PYZ, EXE, COLLECT...)."""
    from PyInstaller.utils.hooks import collect_data_files, copy_metadata

    root = Path(settings.root)
    datas = [(str(root / "resources" / "icons"), "resources/icons")]
    if (root / "resources" / "translations").is_dir():
        datas.append((str(root / "resources" / "translations"), "resources/translations"))
    datas += collect_data_files("desktop")  # migrations/*.sql, the sandbox's data, .graphql documents
    datas += collect_data_files("ariadne")  # its explorer page templates, read when ariadne is imported
    # desktop.__version__ reads the installed metadata; keyring finds third-party backends by entry point.
    datas += copy_metadata(PACKAGE) + copy_metadata("keyring")
    analysis = spec["Analysis"](
        [str(root / "desktop" / "__main__.py")],
        pathex=[str(root)],
        datas=datas,
        hiddenimports=list(HIDDEN_IMPORTS),
        excludes=list(EXCLUDED_MODULES),
        noarchive=False,
    )
    analysis.binaries, dropped = lean_binaries(analysis.binaries, settings.system)
    analysis.datas = without_dangling_symlinks(
        [entry for entry in analysis.datas if not is_lean_excluded(entry[0])], analysis.binaries)
    print(f"build_installer: dropped {len(dropped)} binaries the app does not use:", file=sys.stderr)
    for name in dropped:
        print(f"  - {name}", file=sys.stderr)
    try:
        check_bundle_contents([*(entry[0] for entry in analysis.pure), *extension_modules(analysis.binaries)],
                              (entry[0] for entry in [*analysis.binaries, *analysis.datas]), settings.system)
    except BuildError as exc:
        print(f"build_installer: error: {exc}", file=sys.stderr)
        raise SystemExit(1) from None

    pyz = spec["PYZ"](analysis.pure)
    exe = spec["EXE"](
        pyz, analysis.scripts, [],
        exclude_binaries=True,
        name=EXE_NAME,
        icon=settings.icon if settings.system != "linux" else None,  # Linux binaries carry no icon
        # Windows and macOS: a GUI app, no console window. (Linux ignores the flag.)
        console=settings.system == "linux",
        # Debug symbols are most of libpython and friends' size when the host Python was built with them.
        strip=settings.system == "linux",
        upx=False,
    )
    collect = spec["COLLECT"](exe, analysis.binaries, analysis.datas, name=EXE_NAME,
                              strip=settings.system == "linux", upx=False)
    if settings.system == "macos":
        spec["BUNDLE"](collect, name=f"{APP_NAME}.app", icon=settings.icon, bundle_identifier=APP_ID,
                       version=numeric_version(settings.version), info_plist=settings.info_plist)


def spec_text(settings: SpecSettings) -> str:
    return (
        "# Generated by build_installer.py: the bundle's contents are decided there, in freeze().\n"
        "import sys\n"
        f"sys.path.insert(0, {settings.root!r})\n"
        "import build_installer\n"
        f"build_installer.freeze(globals(), build_installer.SpecSettings.from_json({settings.to_json()!r}))\n"
    )


# --- tools ------------------------------------------------------------------------------------------------


def find_iscc(env: Mapping[str, str] | None = None) -> Path | None:
    """Inno Setup's command-line compiler: $ISCC, then PATH, then the default install folders."""
    env = os.environ if env is None else env
    if env.get("ISCC") and Path(env["ISCC"]).is_file():
        return Path(env["ISCC"])
    for name in ("iscc", "ISCC.exe"):
        found = shutil.which(name, path=env.get("PATH"))
        if found:
            return Path(found)
    for base in (env.get("ProgramFiles(x86)"), env.get("ProgramFiles"),
                 str(Path(env["LOCALAPPDATA"]) / "Programs") if env.get("LOCALAPPDATA") else None):
        if base and (Path(base) / "Inno Setup 6" / "ISCC.exe").is_file():
            return Path(base) / "Inno Setup 6" / "ISCC.exe"
    return None


def missing_tools(host: Host, skip_package: bool, env: Mapping[str, str] | None = None) -> list[str]:
    """Everything the build would stop on, said up front instead of after a minute of freezing."""
    env = os.environ if env is None else env
    path = env.get("PATH")
    missing: list[str] = []
    actual = detect_host()
    if (host.system, host.arch) != (actual.system, actual.arch):
        missing.append(f"a {host.system} {host.arch} machine: PyInstaller only builds for the platform it "
                       f"runs on (this is {actual.system} {actual.arch})")
    if importlib.util.find_spec("PyInstaller") is None:
        missing.append("PyInstaller (install the build extra: pip install -e '.[build]')")
    if skip_package:
        return missing
    if host.system == "linux" and not shutil.which("dpkg-deb", path=path):
        missing.append("dpkg-deb, which builds the .deb (Debian/Ubuntu package 'dpkg'); "
                       "or pass --skip-package for the bundle alone")
    if host.system == "windows" and find_iscc(env) is None:
        missing.append("the Inno Setup 6 compiler iscc.exe, which builds the installer "
                       "(https://jrsoftware.org/isdl.php, or `winget install JRSoftware.InnoSetup`; "
                       "point $ISCC at ISCC.exe if it is installed elsewhere); or pass --skip-package")
    if host.system == "macos" and not shutil.which("hdiutil", path=path):
        missing.append("hdiutil, which builds the .dmg (part of macOS); or pass --skip-package")
    return missing


def _run(command: Sequence[str | Path], label: str | None = None, **kwargs: Any) -> None:
    print("  $ " + " ".join(str(part) for part in command), flush=True)
    try:
        subprocess.run([str(part) for part in command], check=True, **kwargs)
    except subprocess.CalledProcessError as exc:
        label = label or Path(str(command[0])).name
        raise BuildError(f"{label} failed with exit status {exc.returncode} (its output is above)") from None


# --- packaging --------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Layout:
    root: Path
    work: Path  # build/installer: spec, icons, staging trees
    dist: Path  # dist: the bundle and the artifacts

    @classmethod
    def default(cls, root: Path = ROOT) -> Layout:
        return cls(root, root / "build" / "installer", root / "dist")

    @property
    def bundle(self) -> Path:
        return self.dist / EXE_NAME


def clean(layout: Layout) -> None:
    for path in (layout.work, layout.dist):
        if path.exists():
            print(f"==> removing {path}")
            shutil.rmtree(path)


def _write(path: Path, text: str | bytes, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    path.chmod(mode)


def stage_linux_desktop_files(share: Path, icons: IconSet, version: str) -> None:
    """usr/share: desktop entry, hicolor icons, AppStream metainfo."""
    _write(share / "applications" / f"{APP_ID}.desktop", desktop_entry())
    _write(share / "metainfo" / f"{APP_ID}.metainfo.xml", metainfo(version, release_date()))
    for size in HICOLOR_SIZES:
        _write(share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png",
               icons.pngs[size].read_bytes())
    _write(share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg", icons.svg.read_bytes())


def _normalize_modes(tree: Path) -> None:
    """Debian wants 0755 directories and executables, 0644 for the rest, whatever the umask was."""
    for path in [tree, *tree.rglob("*")]:
        if path.is_symlink():
            continue
        executable = path.is_dir() or bool(path.stat().st_mode & stat.S_IXUSR)
        path.chmod(0o755 if executable else 0o644)


def _tree_size(tree: Path) -> int:
    return sum(path.stat().st_size for path in tree.rglob("*") if path.is_file() and not path.is_symlink())


def build_deb(layout: Layout, icons: IconSet, version: str, host: Host) -> Path:
    stage = layout.work / "deb" / f"{PACKAGE}_{debian_version(version)}_{host.deb_arch}"
    if stage.exists():
        shutil.rmtree(stage)
    shutil.copytree(layout.bundle, stage / LINUX_INSTALL_DIR.lstrip("/"), symlinks=True)
    _write(stage / "usr" / "bin" / EXE_NAME, launcher_script(), mode=0o755)
    stage_linux_desktop_files(stage / "usr" / "share", icons, version)
    _write(stage / "usr" / "share" / "doc" / PACKAGE / "copyright", debian_copyright())
    _normalize_modes(stage)
    installed_kib = sum(-(-path.stat().st_size // 1024) for path in stage.rglob("*")
                        if path.is_file() and not path.is_symlink())
    depends = deb_depends(glibc_floor(layout.bundle))
    _write(stage / "DEBIAN" / "control", debian_control(version, host.deb_arch, installed_kib, depends))
    output = layout.dist / deb_name(version, host)
    # --root-owner-group: files belong to root in the package whoever builds it (no fakeroot needed).
    _run(["dpkg-deb", "--root-owner-group", "--build", stage, output])
    return output


def build_tarball(layout: Layout, version: str, host: Host) -> Path:
    output = layout.dist / tarball_name(version, host)
    top = f"{PACKAGE}-{version}"

    def as_root(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        return info

    # gzip -6: level 9 saves under 1 % on these binaries and takes three times as long.
    with tarfile.open(output, "w:gz", compresslevel=6) as tar:
        tar.add(layout.bundle, arcname=top, filter=as_root)
    return output


def build_windows_installer(layout: Layout, icons: IconSet, version: str) -> Path:
    iscc = find_iscc()
    if iscc is None:
        raise BuildError("Inno Setup's iscc is missing")
    script = layout.work / "atelier.iss"
    _write(script, inno_setup_script(version, layout.bundle.resolve(), icons.ico.resolve(),
                                     layout.dist.resolve()))
    _run([iscc, "/Q", script])
    return layout.dist / windows_installer_name(version)


def build_dmg(layout: Layout, version: str, host: Host) -> Path:
    app = layout.dist / f"{APP_NAME}.app"
    stage = layout.work / "dmg"
    if stage.exists():
        shutil.rmtree(stage)
    stage.mkdir(parents=True)
    # ditto keeps the code signature's extended attributes; the Applications link lets users drag to install.
    _run(["ditto", app, stage / app.name])
    (stage / "Applications").symlink_to("/Applications")
    output = layout.dist / dmg_name(version, host)
    _run(["hdiutil", "create", "-volname", f"{APP_NAME} {version}", "-srcfolder", stage, "-ov",
          "-format", "UDZO", output])
    return output


def run_pyinstaller(layout: Layout, host: Host, version: str, icons: IconSet, clean_cache: bool) -> None:
    icon = {"windows": icons.ico, "macos": icons.icns}.get(host.system, icons.pngs[256])
    minimum_macos = "12.0"
    if host.system == "macos":
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            wheel = importlib.metadata.distribution("PySide6_Essentials").read_text("WHEEL") or ""
            minimum_macos = minimum_macos_from_wheel_tags(wheel)
    settings = SpecSettings(str(layout.root), host.system, version, str(icon),
                            info_plist(version, minimum_macos))
    spec = layout.work / f"{EXE_NAME}.spec"
    _write(spec, spec_text(settings))
    command: list[str | Path] = [
        sys.executable, "-m", "PyInstaller", spec, "--noconfirm", "--log-level", "WARN",
        "--distpath", layout.dist, "--workpath", layout.work / "pyinstaller"]
    if clean_cache:
        command.append("--clean")
    _run(command, label="PyInstaller", cwd=layout.root)


def human_size(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def check_installed_version(version: str) -> None:
    """The frozen app reports the version from the installed metadata (desktop.__version__): a stale
    editable install would ship a package that calls itself by an older version."""
    try:
        installed = importlib.metadata.version(PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        raise BuildError(f"{PACKAGE} is not installed in this Python: pip install -e '.[build]'") from None
    if installed != version:
        raise BuildError(f"installed {PACKAGE} is {installed} but pyproject.toml says {version}: "
                         "reinstall with pip install -e '.[build]'")


# --- command line -----------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="build_installer.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-package", action="store_true",
                        help="build the PyInstaller bundle only, no installer")
    parser.add_argument("--clean", action="store_true",
                        help="remove build/installer and dist/ (and PyInstaller's cache) before building")
    parser.add_argument("--dist-dir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--work-dir", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(list(argv))


def main(argv: Sequence[str] | None = None, *, platform_name: str | None = None,
         machine: str | None = None) -> int:
    """Build; ``platform_name``/``machine`` stand in for ``sys.platform``/``platform.machine()`` (tests)."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    default = Layout.default()
    layout = Layout(ROOT, args.work_dir or default.work, args.dist_dir or default.dist)
    try:
        host = detect_host(platform_name, machine)
        if args.clean:
            clean(layout)
        missing = missing_tools(host, args.skip_package)
        if missing:
            raise BuildError("cannot build the {} installer; missing:\n  - {}".format(
                host.system, "\n  - ".join(missing)))
        version = project_version()
        check_installed_version(version)
        print(f"==> Atelier {version} for {host.system} {host.arch}")
        print("==> icons from resources/icons/atelier.svg")
        icons = generate_icons(ICON_SVG, layout.work / "icons")
        print("==> PyInstaller bundle")
        run_pyinstaller(layout, host, version, icons, clean_cache=args.clean)
        if host.system == "linux":
            missing_libs = unresolved_libraries(layout.bundle)
            if missing_libs:
                raise BuildError("the bundle links libraries that are neither bundled nor declared "
                                 "dependencies (install them on the build machine):\n" + "\n".join(
                                     f"  - {name} (needed by {', '.join(users[:3])})"
                                     for name, users in sorted(missing_libs.items())))
        artifacts: list[Path] = []
        if not args.skip_package:
            if host.system == "linux":
                print("==> tar.gz")
                artifacts.append(build_tarball(layout, version, host))
                print("==> .deb")
                artifacts.append(build_deb(layout, icons, version, host))
            elif host.system == "windows":
                print("==> Inno Setup installer")
                artifacts.append(build_windows_installer(layout, icons, version))
            else:
                print("==> .dmg")
                artifacts.append(build_dmg(layout, version, host))
    except BuildError as exc:
        print(f"build_installer: error: {exc}", file=sys.stderr)
        return 1
    print(f"\nbundle   {layout.bundle}  {human_size(_tree_size(layout.bundle))} unpacked")
    for artifact in artifacts:
        print(f"artifact {artifact}  {human_size(artifact.stat().st_size)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
