# Sourced by ./mnemo and .ci/run: sets JAVA_HOME to a JDK 25 or newer, or explains what is missing.
# Order: $JAVA_HOME, then the machine's Temurin 25, then any JDK 25+ under /usr/lib/jvm, then java on PATH.

mnemo_java_major() {
  # prints the feature version of the java binary given, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n1
}

mnemo_find_jdk() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  candidates+=(/usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk-arm64 /usr/lib/jvm/temurin-25*)
  candidates+=(/usr/lib/jvm/*25* /usr/lib/jvm/* /opt/java/openjdk "$HOME"/.sdkman/candidates/java/25*)
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  local c major
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    major=$(mnemo_java_major "$c/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      export JAVA_HOME="$c"
      return 0
    fi
  done
  echo "mnemo: needs a JDK 25 or newer (Temurin 25 recommended), and found none." >&2
  echo "       Install one (for example Temurin 25 from adoptium.net) or set JAVA_HOME to it." >&2
  [ -n "${JAVA_HOME:-}" ] && echo "       JAVA_HOME=$JAVA_HOME is not a JDK 25." >&2
  return 1
}
