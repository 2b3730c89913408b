"""build_installer.py without PyInstaller: the generated files, the icons, the bundle trimming rules and the
command line's failures. Each test is quick; the real build runs in .ci/check-installers.sh."""

from __future__ import annotations

import configparser
import datetime
import os
import plistlib
import re
import shutil
import struct
import subprocess
import sys
import tarfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import build_installer as bi

VERSION = "1.2.3"


def require_tool(name: str) -> str:
    """The tool's path; a skip when it is not installed, except in CI, where that is a broken setup."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} is missing: CI installs it from .ci/packages-installers.txt")
        pytest.skip(f"{name} is not installed")
    return path


def png_size(data: bytes) -> tuple[int, int]:
    return bi.png_dimensions(data)


# --- versions and names -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("version", "numeric", "debian"), [
    ("0.1.0", "0.1.0", "0.1.0"),
    ("2.0", "2.0.0", "2.0"),
    ("1.2.3rc1", "1.2.3", "1.2.3~rc1"),
    ("1.2.3.dev4", "1.2.3", "1.2.3~dev4"),
    ("1.0b2", "1.0.0", "1.0~b2"),
])
def test_versions_for_each_packaging_format(version: str, numeric: str, debian: str) -> None:
    assert bi.numeric_version(version) == numeric
    assert bi.debian_version(version) == debian


def test_version_comes_from_pyproject() -> None:
    text = (bi.ROOT / "pyproject.toml").read_text()
    assert f'version = "{bi.project_version()}"' in text


def test_artifact_names() -> None:
    linux = bi.Host("linux", "x86_64")
    assert bi.tarball_name(VERSION, linux) == "atelier-1.2.3-linux-x86_64.tar.gz"
    assert bi.deb_name(VERSION, linux) == "atelier_1.2.3_amd64.deb"
    assert bi.deb_name(VERSION, bi.Host("linux", "aarch64")) == "atelier_1.2.3_arm64.deb"
    assert bi.windows_installer_name(VERSION) == "atelier-1.2.3-windows-x64-setup.exe"
    assert bi.dmg_name(VERSION, bi.Host("macos", "arm64")) == "atelier-1.2.3-macos-arm64.dmg"


def test_release_date_follows_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert bi.release_date() == datetime.date(2023, 11, 14)


# --- Linux: desktop entry, metainfo, control, launcher ----------------------------------------------------


def test_desktop_entry_fields() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read_string(bi.desktop_entry())
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Atelier"
    assert entry["Exec"] == "atelier"
    assert entry["Icon"] == bi.APP_ID  # the hicolor icons are installed under the app id
    assert entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";")


def test_desktop_entry_validates(tmp_path: Path) -> None:
    tool = require_tool("desktop-file-validate")
    path = tmp_path / f"{bi.APP_ID}.desktop"
    path.write_text(bi.desktop_entry())
    result = subprocess.run([tool, str(path)], capture_output=True, text=True)
    # desktop-file-validate prints hints too; only a non-zero status or an error line is a failure.
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error:" not in result.stdout, result.stdout + result.stderr


def test_metainfo_fields() -> None:
    root = ET.fromstring(bi.metainfo(VERSION, datetime.date(2024, 5, 6)))
    assert root.tag == "component"
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == bi.APP_ID
    assert root.findtext("launchable") == f"{bi.APP_ID}.desktop"
    assert root.findtext("provides/binary") == "atelier"
    assert root.findtext("metadata_license") == "CC0-1.0"
    release = root.find("releases/release")
    assert release is not None
    assert (release.get("version"), release.get("date")) == (VERSION, "2024-05-06")


def test_metainfo_validates(tmp_path: Path) -> None:
    tool = require_tool("appstreamcli")
    path = tmp_path / f"{bi.APP_ID}.metainfo.xml"
    path.write_text(bi.metainfo(VERSION, datetime.date(2024, 5, 6)))
    result = subprocess.run([tool, "validate", "--no-net", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def parse_control(text: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    key = ""
    for line in text.splitlines():
        if line.startswith(" "):
            fields[key] += "\n" + line
        else:
            key, _, value = line.partition(": ")
            fields[key] = value
    return fields


def test_debian_control() -> None:
    text = bi.debian_control("1.0rc1", "amd64", 123456, bi.deb_depends((2, 36)))
    assert text.endswith("\n")
    fields = parse_control(text)
    assert fields["Package"] == "atelier"
    assert fields["Version"] == "1.0~rc1"
    assert fields["Architecture"] == "amd64"
    assert fields["Installed-Size"] == "123456"
    assert "<" in fields["Maintainer"]
    assert fields["Maintainer"].endswith(">")
    depends = [item.strip() for item in fields["Depends"].split(",")]
    assert depends == ["libc6 (>= 2.36)", "libgl1", "libegl1", "libxcb1", "fontconfig-config",
                       "fonts-dejavu-core"]
    # The extended description: continuation lines start with a space, empty lines are " .".
    assert all(line.startswith(" ") and line.strip() for line in fields["Description"].splitlines()[1:])


def test_libc_floor_starts_at_the_design_floor(tmp_path: Path) -> None:
    assert bi.glibc_floor(tmp_path) == bi.MIN_GLIBC == (2, 34)  # desktop/ARCHITECTURE.md, Packaging
    assert bi.deb_depends((2, 36))[0] == "libc6 (>= 2.36)"


def test_launcher_script_execs_the_bundle(tmp_path: Path) -> None:
    script = bi.launcher_script()
    assert script.startswith("#!/bin/sh\n")
    assert 'exec /opt/atelier/atelier "$@"' in script
    path = tmp_path / "atelier"
    path.write_text(script)
    subprocess.run(["sh", "-n", str(path)], check=True)


def test_deb_from_a_tiny_bundle(tmp_path: Path) -> None:
    """The staging layout and control file of a real (if tiny) .deb: no PyInstaller needed."""
    dpkg_deb = require_tool("dpkg-deb")
    layout = bi.Layout(tmp_path, tmp_path / "work", tmp_path / "dist")
    (layout.bundle / "_internal").mkdir(parents=True)
    (layout.bundle / "atelier").write_text("#!/bin/sh\n")
    (layout.bundle / "atelier").chmod(0o700)
    (layout.bundle / "_internal" / "data.txt").write_text("x")
    icons = bi.generate_icons(bi.ICON_SVG, tmp_path / "icons")
    deb = bi.build_deb(layout, icons, VERSION, bi.Host("linux", "x86_64"))
    assert deb.name == "atelier_1.2.3_amd64.deb"
    listing = subprocess.run([dpkg_deb, "-c", str(deb)], capture_output=True, text=True, check=True).stdout
    for expected in ("./opt/atelier/atelier", "./opt/atelier/_internal/data.txt", "./usr/bin/atelier",
                     f"./usr/share/applications/{bi.APP_ID}.desktop",
                     f"./usr/share/metainfo/{bi.APP_ID}.metainfo.xml",
                     f"./usr/share/icons/hicolor/48x48/apps/{bi.APP_ID}.png",
                     f"./usr/share/icons/hicolor/scalable/apps/{bi.APP_ID}.svg",
                     "./usr/share/doc/atelier/copyright"):
        assert expected in listing
    assert re.search(r"-rwxr-xr-x root/root .* \./usr/bin/atelier", listing)
    assert re.search(r"-rwxr-xr-x root/root .* \./opt/atelier/atelier\n", listing)
    assert re.search(r"-rw-r--r-- root/root .* \./opt/atelier/_internal/data.txt", listing)
    depends = subprocess.run([dpkg_deb, "-f", str(deb), "Depends"], capture_output=True, text=True,
                             check=True).stdout
    assert depends.startswith("libc6 (>= 2.34)")  # no ELF files in this bundle: the design's floor


def test_tarball_has_one_top_folder_owned_by_root(tmp_path: Path) -> None:
    layout = bi.Layout(tmp_path, tmp_path / "work", tmp_path / "dist")
    layout.bundle.mkdir(parents=True)
    (layout.bundle / "atelier").write_text("#!/bin/sh\n")
    tarball = bi.build_tarball(layout, VERSION, bi.Host("linux", "x86_64"))
    with tarfile.open(tarball) as tar:
        members = tar.getmembers()
    assert {member.name for member in members} == {"atelier-1.2.3", "atelier-1.2.3/atelier"}
    assert all(member.uid == 0 and member.uname == "root" for member in members)


# --- Windows: Inno Setup ----------------------------------------------------------------------------------


def inno_sections(script: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for line in script.splitlines():
        line = line.strip()
        if not line or line.startswith(";"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections[current] = []
        else:
            sections[current].append(line)
    return sections


def test_inno_setup_script() -> None:
    script = bi.inno_setup_script("1.2.3rc1", Path("C:/src/dist/atelier"), Path("C:/src/atelier.ico"),
                                  Path("C:/src/dist"))
    assert "${" not in script
    sections = inno_sections(script)
    assert {"Setup", "Files", "Icons", "Run"} <= sections.keys()
    setup = dict(line.split("=", 1) for line in sections["Setup"])
    assert len(setup) == len(sections["Setup"])  # no directive given twice
    assert setup["AppId"] == "{{" + bi.WINDOWS_APP_GUID + "}"  # "{{" is Inno's escaped literal brace
    assert re.fullmatch(r"[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}", bi.WINDOWS_APP_GUID)
    assert setup["PrivilegesRequired"] == "lowest"  # per-user, no admin rights
    assert setup["DefaultDirName"] == r"{autopf}\Atelier"
    assert setup["AppVersion"] == "1.2.3rc1"
    assert setup["VersionInfoVersion"] == "1.2.3"  # numbers only
    assert setup["OutputBaseFilename"] == "atelier-1.2.3rc1-windows-x64-setup"
    assert setup["ArchitecturesInstallIn64BitMode"] == "x64compatible"
    assert setup["SetupIconFile"].endswith("atelier.ico")
    assert setup["UninstallDisplayIcon"] == r"{app}\atelier.exe"
    assert any(line.startswith(r'Source: "C:') and r'\*"' in line and "recursesubdirs" in line
               for line in sections["Files"])
    assert any(line.startswith(r'Name: "{autoprograms}\Atelier"') for line in sections["Icons"])


def test_inno_setup_app_id_is_stable() -> None:
    """Upgrades find the earlier install by AppId: it must not change from one build to the next."""
    assert bi.WINDOWS_APP_GUID == "4B234B99-8228-524E-A076-9AEC4F5F2E68"


# --- macOS: Info.plist ------------------------------------------------------------------------------------


def test_info_plist_round_trip_and_required_keys() -> None:
    plist = bi.info_plist("1.2.3rc1", minimum_macos="13.0")
    assert plistlib.loads(plistlib.dumps(plist)) == plist
    assert plist["CFBundleIdentifier"] == bi.APP_ID
    assert plist["CFBundleName"] == "Atelier"
    assert plist["CFBundleExecutable"] == "atelier"  # the EXE name PyInstaller writes into MacOS/
    assert plist["CFBundleIconFile"] == "atelier.icns"
    assert plist["CFBundleShortVersionString"] == "1.2.3"
    assert plist["CFBundleVersion"] == "1.2.3"
    assert plist["LSMinimumSystemVersion"] == "13.0"
    assert plist["NSHighResolutionCapable"] is True
    assert plist["CFBundlePackageType"] == "APPL"
    assert all(isinstance(value, str | bool) for value in plist.values())


def test_minimum_macos_from_the_qt_wheel() -> None:
    wheel = "Wheel-Version: 1.0\nTag: cp39-abi3-macosx_13_0_universal2\nTag: cp39-abi3-macosx_11_0_x86_64\n"
    assert bi.minimum_macos_from_wheel_tags(wheel) == "13.0"
    assert bi.minimum_macos_from_wheel_tags("Tag: cp39-abi3-manylinux_2_34_x86_64\n") == "12.0"


# --- icons ------------------------------------------------------------------------------------------------


def test_render_png_size() -> None:
    assert png_size(bi.render_png(bi.ICON_SVG, 48)) == (48, 48)


def test_generated_icons(tmp_path: Path) -> None:
    icons = bi.generate_icons(bi.ICON_SVG, tmp_path)
    assert sorted(icons.pngs) == sorted(bi.PNG_SIZES)
    for size, path in icons.pngs.items():
        assert png_size(path.read_bytes()) == (size, size)
    assert icons.svg.read_bytes() == bi.ICON_SVG.read_bytes()

    ico = icons.ico.read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", ico)
    assert (reserved, kind, count) == (0, 1, len(bi.ICO_SIZES))
    for index, size in enumerate(sorted(bi.ICO_SIZES)):
        entry = struct.unpack_from("<BBBBHHII", ico, 6 + 16 * index)
        width, height, _, _, planes, bits, length, offset = entry
        assert (width or 256, height or 256) == (size, size)  # 0 stands for 256
        assert (planes, bits) == (1, 32)
        assert png_size(ico[offset:offset + length]) == (size, size)

    icns = icons.icns.read_bytes()
    assert icns[:4] == b"icns"
    assert struct.unpack_from(">I", icns, 4)[0] == len(icns)
    position, seen = 8, {}
    while position < len(icns):
        kind_code = icns[position:position + 4].decode("ascii")
        (length,) = struct.unpack_from(">I", icns, position + 4)
        seen[kind_code] = png_size(icns[position + 8:position + length])
        position += length
    assert position == len(icns)
    assert seen == {code: (size, size) for code, size in bi.ICNS_TYPES.items()}


def test_ico_refuses_sizes_above_256() -> None:
    with pytest.raises(bi.BuildError):
        bi.ico_bytes({512: b""})


# --- bundle trimming --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "excluded"), [
    ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", True),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", True),
    ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", True),
    ("PySide6/Qt/plugins/imageformats/libqpdf.so", True),
    ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", True),
    ("PySide6/Qt/lib/libQt6Quick.so.6", True),
    ("libQt6Qml.so.6", True),
    ("PySide6\\Qt6Pdf.dll", True),
    ("PySide6/Qt/translations/qt_help_de.qm", True),
    ("PySide6/Qt/plugins/platforms/libqxcb.so", False),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", False),
    ("PySide6\\plugins\\platforms\\qwindows.dll", False),
    ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", False),
    ("PySide6/Qt/plugins/imageformats/libqsvg.so", False),
    ("PySide6/Qt/lib/libQt6Charts.so.6", False),
    ("PySide6/Qt/lib/libQt6Svg.so.6", False),
    ("PySide6/Qt/translations/qtbase_de.qm", False),
])
def test_lean_exclusions(name: str, excluded: bool) -> None:
    assert bi.is_lean_excluded(name) is excluded


def test_orphaned_libraries_are_those_only_dropped_plugins_need() -> None:
    links = {
        "gtk3": ["libgtk-3.so.0", "libglib-2.0.so.0"],
        "libgtk-3.so.0": ["libcairo.so.2", "libglib-2.0.so.0"],
        "libcairo.so.2": [],
        "xcb": ["libglib-2.0.so.0"],
        "libglib-2.0.so.0": [],
        "libpython": [],
    }

    def entry(name: str) -> bi.TocEntry:
        return (name, f"/src/{name}", "BINARY")

    kept = [entry(name) for name in links if name != "gtk3"]
    orphans = bi.orphaned_libraries(kept, [entry("gtk3")], lambda item: links[item[0]])
    assert orphans == {"libgtk-3.so.0", "libcairo.so.2"}


def test_symlinks_to_dropped_libraries_go_too() -> None:
    binaries = [("PySide6/Qt/lib/libQt6Core.so.6", "/src/libQt6Core.so.6", "BINARY")]
    datas = [
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
        ("PySide6/Qt/lib/libQt6Core.so", "libQt6Core.so.6", "SYMLINK"),
        ("resources/icons/atelier.svg", "/src/atelier.svg", "DATA"),
    ]
    assert [entry[0] for entry in bi.without_dangling_symlinks(datas, binaries)] == [
        "libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so", "resources/icons/atelier.svg"]


def test_bundle_check_names_what_is_missing() -> None:
    files = ["PySide6/Qt/plugins/platforms/libqxcb.so"]
    with pytest.raises(bi.BuildError, match=r"module fastapi.*file \*/plugins/platforms/libqoffscreen\.so"):
        bi.check_bundle_contents(["desktop.app"], files, "linux")
    modules = [*bi.REQUIRED_MODULES, *bi.REQUIRED_KEYCHAIN_MODULES["linux"]]
    files = ["PySide6/Qt/plugins/platforms/libqxcb.so", "PySide6/Qt/plugins/platforms/libqoffscreen.so",
             "PySide6/Qt/plugins/iconengines/libqsvgicon.so", "PySide6/Qt/lib/libQt6Svg.so.6",
             "PySide6/Qt/lib/libQt6Charts.so.6"]
    bi.check_bundle_contents(modules, files, "linux")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF files exist on Linux")
def test_read_elf_links_of_a_system_binary(tmp_path: Path) -> None:
    links = bi.read_elf_links(Path(os.path.realpath("/bin/sh")))
    assert links is not None
    assert "libc.so.6" in links.needed
    assert links.glibc is not None
    assert links.glibc >= (2, 2)
    text_file = tmp_path / "notes.txt"
    text_file.write_text("not an ELF file")
    assert bi.read_elf_links(text_file) is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF files exist on Linux")
def test_unresolved_libraries_reports_what_the_bundle_lacks(tmp_path: Path) -> None:
    shutil.copy(os.path.realpath("/bin/sh"), tmp_path / "sh")
    needed = bi.read_elf_links(tmp_path / "sh")
    assert needed is not None
    assert bi.unresolved_libraries(tmp_path) == {
        name: ["sh"] for name in needed.needed if name not in bi.SYSTEM_LIBRARIES}
    assert bi.glibc_floor(tmp_path) >= bi.MIN_GLIBC


def test_spec_is_python_and_settings_round_trip() -> None:
    settings = bi.SpecSettings("/src", "macos", VERSION, "/src/atelier.icns", bi.info_plist(VERSION))
    compile(bi.spec_text(settings), "atelier.spec", "exec")
    assert bi.SpecSettings.from_json(settings.to_json()) == settings


# --- hosts and the command line ---------------------------------------------------------------------------


@pytest.mark.parametrize(("platform_name", "machine", "expected"), [
    ("linux", "x86_64", bi.Host("linux", "x86_64")),
    ("linux", "aarch64", bi.Host("linux", "aarch64")),
    ("win32", "AMD64", bi.Host("windows", "x64")),
    ("darwin", "arm64", bi.Host("macos", "arm64")),
    ("darwin", "x86_64", bi.Host("macos", "x86_64")),
])
def test_detect_host(platform_name: str, machine: str, expected: bi.Host) -> None:
    assert bi.detect_host(platform_name, machine) == expected


@pytest.mark.parametrize(("platform_name", "machine"), [
    ("freebsd14", "amd64"), ("sunos5", "sun4v"), ("linux", "riscv64"), ("win32", "ARM64"),
])
def test_unsupported_host(platform_name: str, machine: str) -> None:
    with pytest.raises(bi.UnsupportedHostError, match="supported hosts are Linux"):
        bi.detect_host(platform_name, machine)


def run_main(tmp_path: Path, *args: str, platform_name: str, machine: str) -> int:
    return bi.main([*args, "--dist-dir", str(tmp_path / "dist"), "--work-dir", str(tmp_path / "work")],
                   platform_name=platform_name, machine=machine)


@pytest.fixture
def no_platform_tools(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A PATH with nothing on it and no Inno Setup in the usual places."""
    empty = tmp_path / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    for name in ("ISCC", "ProgramFiles", "ProgramFiles(x86)", "LOCALAPPDATA"):
        monkeypatch.delenv(name, raising=False)


def test_main_on_unsupported_host(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_main(tmp_path, platform_name="sunos5", machine="sun4v") == 1
    err = capsys.readouterr().err
    assert "cannot build installers on 'sunos5'" in err
    assert "Traceback" not in err


@pytest.mark.usefixtures("no_platform_tools")
def test_windows_without_iscc_names_inno_setup(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_main(tmp_path, platform_name="win32", machine="AMD64") == 1
    err = capsys.readouterr().err
    assert "cannot build the windows installer" in err
    assert "Inno Setup 6 compiler iscc.exe" in err
    assert "https://jrsoftware.org/isdl.php" in err
    assert not (tmp_path / "dist").exists()  # it stopped before building anything


@pytest.mark.usefixtures("no_platform_tools")
def test_macos_without_hdiutil_names_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_main(tmp_path, platform_name="darwin", machine="arm64") == 1
    assert "hdiutil, which builds the .dmg" in capsys.readouterr().err


def test_skip_package_needs_no_platform_tool(tmp_path: Path) -> None:
    for host in (bi.Host("windows", "x64"), bi.Host("macos", "arm64"), bi.Host("linux", "x86_64")):
        problems = bi.missing_tools(host, skip_package=True, env={"PATH": str(tmp_path)})
        assert not any(tool in problem for problem in problems for tool in ("iscc", "hdiutil", "dpkg-deb"))


def test_cross_building_is_refused(tmp_path: Path) -> None:
    other = bi.Host("windows", "x64") if bi.detect_host().system != "windows" else bi.Host("linux", "x86_64")
    problems = bi.missing_tools(other, skip_package=True)
    assert any("PyInstaller only builds for the platform it runs on" in problem for problem in problems)


def test_linux_without_dpkg_deb(tmp_path: Path) -> None:
    problems = bi.missing_tools(bi.Host("linux", "x86_64"), skip_package=False, env={"PATH": str(tmp_path)})
    assert any(problem.startswith("dpkg-deb") for problem in problems)
    assert not any("dpkg-deb" in problem
                   for problem in bi.missing_tools(bi.Host("linux", "x86_64"), skip_package=True,
                                                   env={"PATH": str(tmp_path)}))


def test_find_iscc(tmp_path: Path) -> None:
    installed = tmp_path / "Program Files (x86)" / "Inno Setup 6" / "ISCC.exe"
    installed.parent.mkdir(parents=True)
    installed.write_text("")
    assert bi.find_iscc({"PATH": "", "ProgramFiles(x86)": str(installed.parents[1])}) == installed
    elsewhere = tmp_path / "iscc-custom.exe"
    elsewhere.write_text("")
    assert bi.find_iscc({"PATH": "", "ISCC": str(elsewhere)}) == elsewhere
    assert bi.find_iscc({"PATH": ""}) is None


@pytest.mark.usefixtures("no_platform_tools")
def test_clean_removes_earlier_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stale = [tmp_path / "dist" / "atelier" / "old.so", tmp_path / "work" / "icons" / "old.png"]
    for path in stale:
        path.parent.mkdir(parents=True)
        path.write_text("old")
    # A simulated Windows host without iscc: --clean runs, then the build stops before PyInstaller.
    assert run_main(tmp_path, "--clean", platform_name="win32", machine="AMD64") == 1
    assert not (tmp_path / "dist").exists()
    assert not (tmp_path / "work").exists()
    assert "removing" in capsys.readouterr().out


def test_clean_leaves_other_folders_alone(tmp_path: Path) -> None:
    layout = bi.Layout(tmp_path, tmp_path / "build" / "installer", tmp_path / "dist")
    (tmp_path / "build" / "lib").mkdir(parents=True)
    layout.work.mkdir(parents=True)
    bi.clean(layout)
    assert (tmp_path / "build" / "lib").is_dir()
    assert not layout.work.exists()


def test_extension_module_names() -> None:
    binaries = [("PySide6/QtCharts.abi3.so", "/x", "EXTENSION"), ("PySide6\\QtSvg.pyd", "/x", "EXTENSION"),
                ("pydantic_core/_pydantic_core.cpython-311-x86_64-linux-gnu.so", "/x", "EXTENSION"),
                ("libQt6Core.so.6", "/x", "BINARY")]
    assert bi.extension_modules(binaries) == [
        "PySide6.QtCharts", "PySide6.QtSvg", "pydantic_core._pydantic_core"]


def test_bundle_check_wants_the_platform_keychain_backend() -> None:
    files = ["PySide6/Qt/plugins/platforms/libqxcb.so", "PySide6/Qt/plugins/platforms/libqoffscreen.so",
             "PySide6/Qt/plugins/iconengines/libqsvgicon.so", "PySide6/Qt/lib/libQt6Svg.so.6",
             "PySide6/Qt/lib/libQt6Charts.so.6"]
    with pytest.raises(bi.BuildError, match="module secretstorage"):
        bi.check_bundle_contents([*bi.REQUIRED_MODULES, "keyring.backends.SecretService", "jeepney"], files,
                                 "linux")
