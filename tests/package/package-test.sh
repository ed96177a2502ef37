#!/usr/bin/env bash
# The Debian packages as a user gets them: cpack builds them from the already-built tree, they are
# unpacked into a temporary root (dpkg-deb -x, no root rights), and the programs, the desktop
# entry, the metainfo and a backend's CMake project building against the installed core are
# tried from there.
#   package-test.sh BUILD_DIR SOURCE_DIR VERSION
set -euo pipefail
build=$1
source=$2
version=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "package-test: $*" >&2; exit 1; }

cpack --config "$build/CPackConfig.cmake" -B "$work/debs" >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; fail "cpack failed"; }
runtime=$(echo "$work"/debs/ragscope_*.deb)
dev=$(echo "$work"/debs/ragscope-dev_*.deb)
[ -f "$runtime" ] && [ -f "$dev" ] || fail "expected ragscope_*.deb and ragscope-dev_*.deb, got: $(ls "$work/debs")"

# Dependencies found by dpkg-shlibdeps (the libraries the binaries link), plus the plugins.
depends=$(dpkg-deb -f "$runtime" Depends)
for package in libc6 libqt6core6 libqt6widgets6 libqt6charts6 libqt6sql6 libpq5 libsqlite3-0 libqt6sql6-sqlite; do
  grep -qE "(^|, )$package( |,|$)" <<<"$depends" || fail "Depends lacks $package: $depends"
done

root=$work/root
dpkg-deb -x "$runtime" "$root"
dpkg-deb -x "$dev" "$root"
usr=$root/usr
for file in bin/ragscope bin/ragscope-cli share/applications/org.ragscope.RagScope.desktop \
  share/metainfo/org.ragscope.RagScope.metainfo.xml share/icons/hicolor/scalable/apps/org.ragscope.RagScope.svg \
  share/icons/hicolor/48x48/apps/org.ragscope.RagScope.png share/icons/hicolor/256x256/apps/org.ragscope.RagScope.png \
  share/man/man1/ragscope-cli.1 share/bash-completion/completions/ragscope-cli \
  include/ragscope/store/store.h lib/cmake/RagScope/RagScopeConfig.cmake; do
  [ -f "$usr/$file" ] || fail "missing /usr/$file"
done

desktop-file-validate "$usr/share/applications/org.ragscope.RagScope.desktop"
appstreamcli validate --no-net "$usr/share/metainfo/org.ragscope.RagScope.metainfo.xml" >"$work/appstream.log" 2>&1 \
  || { cat "$work/appstream.log"; fail "appstreamcli validate failed"; }

# The programs run from the unpacked root, with settings and data of their own.
export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config XDG_DATA_HOME=$work/home/.local/share \
  XDG_CACHE_HOME=$work/home/.cache
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"
cli=$usr/bin/ragscope-cli
[ "$("$cli" --version)" = "ragscope-cli $version" ] || fail "ragscope-cli --version: $("$cli" --version)"
"$cli" help stats | head -1 | grep -qx 'Usage: ragscope-cli stats \[options\]' || fail "help stats: $("$cli" help stats | head -1)"
export QT_QPA_PLATFORM=offscreen
"$usr/bin/ragscope" --version | grep -qx "RagScope $version" || fail "ragscope --version: $("$usr/bin/ragscope" --version)"
"$cli" demo --out "$work/demo.sqlite" --rows 300 --days 7 >/dev/null
"$usr/bin/ragscope" "$work/demo.sqlite" --screenshots "$work/shots" 2>"$work/gui.log" \
  || { cat "$work/gui.log"; fail "ragscope --screenshots failed"; }
[ -s "$work/shots/overview.png" ] || fail "the GUI saved no overview.png"

# The man page and the completion name every command the binary has.
commands=$("$cli" --help | sed -n '/^Commands:/,/^$/p' | awk 'NF > 1 { print $1 }')
[ -n "$commands" ] || fail "no commands in ragscope-cli --help"
for command in $commands; do
  grep -qx ".B $command" "$usr/share/man/man1/ragscope-cli.1" || fail "the man page lacks $command"
  grep -q "commands=\".*\b$command\b" "$usr/share/bash-completion/completions/ragscope-cli" \
    || fail "the bash completion lacks $command"
done

# The completion completes commands, and options from the installed binary's own --help.
completions=$(bash -c '
  source /usr/share/bash-completion/bash_completion
  source "$1/share/bash-completion/completions/ragscope-cli"
  complete_words() {
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; COMPREPLY=()
    _ragscope_cli; echo "${COMPREPLY[*]}"
  }
  complete_words "$1/bin/ragscope-cli" st
  complete_words "$1/bin/ragscope-cli" help ro
  complete_words "$1/bin/ragscope-cli" export --pro' _ "$usr")
[ "$completions" = $'stats\nrollup\n--progress' ] || fail "bash completion gave: $completions"

# A backend's project builds against the installed core and uses it.
cmake -S "$source/tests/package/consumer" -B "$work/consumer" -G Ninja -DCMAKE_PREFIX_PATH="$usr" \
  -DCMAKE_FIND_PACKAGE_NO_SYSTEM_PACKAGE_REGISTRY=ON >"$work/consumer.log" 2>&1 \
  || { cat "$work/consumer.log"; fail "configuring the consumer failed"; }
grep -q "$usr/lib/cmake/RagScope" "$work/consumer/CMakeCache.txt" || fail "RagScope was not found in the unpacked root"
cmake --build "$work/consumer" >>"$work/consumer.log" 2>&1 || { cat "$work/consumer.log"; fail "building the consumer failed"; }
output=$("$work/consumer/consumer" "$work/consumer.sqlite")
grep -qE '^schema [1-9][0-9]*, gemini-1.5-flash-002 priced yes, money 1.50000000$' <<<"$output" || fail "consumer printed: $output"
echo "package-test: ok ($(basename "$runtime"), $(basename "$dev"))"
