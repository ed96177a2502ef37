#!/usr/bin/env bash
# Runs COMMAND in a private D-Bus session with a real, unlocked GNOME Keyring (the Secret Service
# that QtKeychain talks to), whose files live in a temp HOME: tests never touch the user's keyring.
#   keyring-session.sh COMMAND [ARGS…]
# The session bus, the keyring daemon and the temp dir end with COMMAND.
set -euo pipefail
for tool in dbus-run-session gnome-keyring-daemon; do
  command -v "$tool" >/dev/null || {
    echo "keyring-session: $tool not found (apt-get install dbus-daemon gnome-keyring)" >&2
    exit 1
  }
done
dir=$(mktemp -d /tmp/ragscope-keyring.XXXXXX)
trap 'rm -rf "$dir"' EXIT
export HOME="$dir/home" XDG_DATA_HOME="$dir/home/.local/share" XDG_CONFIG_HOME="$dir/home/.config"
export XDG_RUNTIME_DIR="$dir/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME"
install -d -m 700 "$XDG_RUNTIME_DIR"
unset DISPLAY WAYLAND_DISPLAY
# --unlock reads the login keyring's password on stdin (and creates that keyring).
dbus-run-session -- bash -c \
  'printf %s "rs-keyring-$$" | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"' \
  keyring-session "$@"
