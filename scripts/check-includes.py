#!/usr/bin/python3
#
# check-includes.py SRCDIR: the layers of the project only include
# downwards (docs/architecture.rst, "Layers"), as libvirt's cross-inclusion check
# keeps its own layers apart.
#
# Every '#include' of the project's C files is resolved to a file of the
# tree when it names one (a name no project file has is a system, GLib or
# libvirt header) and checked against the rules below.  Each violation is
# reported as FILE:LINE with the header and the rule it breaks; the exit
# status is 1 when there is any.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import re
import sys

# The headers of the layers above the XML models: the allocator, state
# and pools, the backends, the checker and the host.
NON_MODEL_HEADERS = {
    "allocator.h", "port_alloc.h", "port_convert.h", "netstate.h", "pool.h",
    "backend.h", "realize.h", "probe.h", "pair.h", "segment.h", "migrate.h",
    "qemu_args.h", "check.h", "check_context.h", "finding.h", "host.h",
    "hostdesc.h",
}

# The checker's headers, which the backends sit below.
CHECKER_HEADERS = {
    "pair.h", "segment.h", "migrate.h", "qemu_args.h", "check.h",
    "check_context.h", "finding.h",
}

# Where the compiler looks for a quoted header after the including
# file's own folder, in the order the build gives them.
SEARCH_DIRS = ["", "include", "src", "src/util", "src/network_teaming",
               "tests", "tools"]

# The folders holding the project's own C files.
SOURCE_DIRS = ["src", "include", "tools", "tests", "bench"]

INCLUDE_RE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def list_files(srcdir):
    """The project's C files and headers, as paths relative to srcdir."""
    files = []
    if os.path.isfile(os.path.join(srcdir, "config.h")):
        files.append("config.h")
    for top in SOURCE_DIRS:
        for root, dirs, names in os.walk(os.path.join(srcdir, top)):
            dirs[:] = sorted(d for d in dirs if d != "data")
            for name in sorted(names):
                if name.endswith((".c", ".h")):
                    files.append(os.path.relpath(os.path.join(root, name), srcdir))
    return files


def resolve(includer, name, quoted, headers):
    """The project header an '#include' names, or None for an outside one."""
    dirs = SEARCH_DIRS
    if quoted:
        dirs = [os.path.dirname(includer)] + dirs
    for d in dirs:
        path = os.path.normpath(os.path.join(d, name))
        if path in headers:
            return path
    # Not on the build's search path but still one of ours (a test
    # header reached by adding a folder to the path, say): match by the
    # trailing components.
    matches = sorted(h for h in headers if h.endswith("/" + name))
    if matches:
        return matches[0]
    return None


def is_model(path):
    """An XML model file: src/network_teaming/*_conf.{c,h}."""
    return (os.path.dirname(path) == "src/network_teaming" and
            re.search(r"_conf\.[ch]$", os.path.basename(path)) is not None)


def is_backend(path):
    """The kernel layer that creates backends: realize and backend."""
    return (os.path.dirname(path) == "src/network_teaming" and
            os.path.splitext(os.path.basename(path))[0] in ("realize", "backend"))


def is_public_header(path):
    return path.startswith("include/libvirt-teaming/")


def is_library_header(path):
    """A header of the library's own layers, above src/util."""
    return (path.startswith("src/network_teaming/") or
            is_public_header(path) or
            re.fullmatch(r"src/libvirt-teaming[^/]*\.h", path) is not None)


def check(path, quoted, name, target):
    """The rules @path breaks by including @name (resolved to @target)."""
    broken = []
    base = os.path.basename(name)
    ours_or_quoted = target is not None or quoted

    if path.startswith("src/util/") and target and is_library_header(target):
        broken.append("src/util knows nothing of teaming: it includes no header "
                      "of src/network_teaming/, src/libvirt-teaming*.h or "
                      "include/libvirt-teaming/")

    if (is_model(path) and ours_or_quoted and base in NON_MODEL_HEADERS and
            (target is None or target.startswith("src/network_teaming/"))):
        broken.append("the XML models (*_conf.[ch]) include no allocator, "
                      "state, pool, backend, realize, probe, checker or host header")

    if (is_backend(path) and ours_or_quoted and base in CHECKER_HEADERS and
            (target is None or target.startswith("src/network_teaming/"))):
        broken.append("the backends (realize, backend) include no checker header")

    if path.startswith("tools/") and target is not None:
        if not (is_public_header(target) or target == "config.h" or
                re.fullmatch(r"tools/[^/]*\.h", target)):
            broken.append("tools include only the public headers "
                          "(<libvirt-teaming/...>), system, GLib and libvirt "
                          "headers, config.h and tools/*.h")

    if path.startswith("src/") and target and target.startswith("tests/"):
        broken.append("nothing under src/ includes anything from tests/")

    return broken


def main():
    if len(sys.argv) != 2:
        print("usage: check-includes.py SRCDIR", file=sys.stderr)
        return 2
    srcdir = sys.argv[1]
    files = list_files(srcdir)
    headers = {f for f in files if f.endswith(".h")}
    # meson writes meson-config.h into the build folder; config.h
    # includes it, nothing else should
    headers.add("meson-config.h")

    violations = 0
    for path in files:
        with open(os.path.join(srcdir, path), encoding="utf-8") as fh:
            for lineno, text in enumerate(fh, start=1):
                m = INCLUDE_RE.match(text)
                if not m:
                    continue
                quoted = m.group(1) == '"'
                name = m.group(2)
                target = resolve(path, name, quoted, headers)
                shown = ('"%s"' if quoted else "<%s>") % name
                if target and target != name:
                    shown += " (%s)" % target
                for rule in check(path, quoted, name, target):
                    print("%s:%d: includes %s: %s" % (path, lineno, shown, rule))
                    violations += 1

    if violations:
        print("%d cross-inclusion violation(s)" % violations)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
