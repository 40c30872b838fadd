# Finding a JDK 21 or newer; sourced by .ci/run and deploy/local/run.
#   java_major DIR   the major version of the JDK in DIR (e.g. 25)
#   find_jdk         prints the first JDK 21+ among $JAVA_HOME, /usr/lib/jvm/*, and the javac on the PATH;
#                    returns 1 if there is none

java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1; }

find_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/* "$(dirname "$(dirname "$(readlink -f "$(command -v javac 2>/dev/null || echo /nonexistent)")")")"; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    if [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then echo "$candidate"; return 0; fi
  done
  return 1
}
