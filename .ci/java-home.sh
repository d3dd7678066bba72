# shellcheck shell=bash
# Finds a JDK >= 21 and exports JAVA_HOME. Source it: `. .ci/java-home.sh` (./promptops and
# .ci/run do). Order: $JAVA_HOME if it is >= 21; else the newest /usr/lib/jvm/* whose bin/java is
# >= 21; else `java` on PATH if >= 21. Without one it prints how to get one and returns 1.

_promptops_min_java=21

# The major version of a java binary (8 for 1.8), or nothing if it does not run. Read from the
# JDK's `release` file when there is one (instant), else by running it.
_promptops_java_major() {
  local v release
  release="$(dirname "$(dirname "$1")")/release"
  if [ -r "$release" ]; then
    v="$(sed -n 's/^JAVA_VERSION="\([0-9.]*\).*"$/\1/p' "$release" | head -n 1)"
    if [ -n "$v" ] && [ -x "$1" ]; then
      case "$v" in
        1.*) v="${v#1.}"; echo "${v%%.*}" ;;
        *) echo "${v%%.*}" ;;
      esac
      return 0
    fi
  fi
  v="$("$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^[[:space:]]*java\.specification\.version = //p' | head -n 1)"
  case "$v" in
    1.*) echo "${v#1.}" ;;
    [0-9]*) echo "${v%%.*}" ;;
    *) echo "" ;;
  esac
}

_promptops_find_java_home() {
  local major best="" best_major=0 candidate java
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    major="$(_promptops_java_major "$JAVA_HOME/bin/java")"
    if [ -n "$major" ] && [ "$major" -ge "$_promptops_min_java" ]; then
      echo "$JAVA_HOME"
      return 0
    fi
  fi
  for candidate in /usr/lib/jvm/*; do
    [ -x "$candidate/bin/java" ] || continue
    major="$(_promptops_java_major "$candidate/bin/java")"
    if [ -n "$major" ] && [ "$major" -ge "$_promptops_min_java" ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate"
      best_major="$major"
    fi
  done
  if [ -n "$best" ]; then
    echo "$best"
    return 0
  fi
  java="$(command -v java 2>/dev/null || true)"
  if [ -n "$java" ]; then
    major="$(_promptops_java_major "$java")"
    if [ -n "$major" ] && [ "$major" -ge "$_promptops_min_java" ]; then
      java="$(readlink -f "$java" 2>/dev/null || echo "$java")"
      dirname "$(dirname "$java")"
      return 0
    fi
  fi
  return 1
}

if _promptops_java_home="$(_promptops_find_java_home)"; then
  export JAVA_HOME="$_promptops_java_home"
  unset _promptops_java_home
else
  unset _promptops_java_home
  echo "promptops: no JDK ${_promptops_min_java} or newer found (looked at \$JAVA_HOME," \
    "/usr/lib/jvm/* and java on PATH)." >&2
  echo "promptops: install one (e.g. apt-get install openjdk-21-jdk-headless) or set JAVA_HOME" \
    "to it." >&2
  return 1 2>/dev/null || exit 1
fi
