#!/bin/sh
# The image's entry point: picks the JVM options as ./vidu does, then execs Java, so that Java is the container's
# process 1 and receives SIGTERM itself (no shell stays in between).
#   serve (the default command): a fixed 128 MiB heap and the serial collector, unless VIDU_JAVA_OPTS (or
#   JAVA_TOOL_OPTIONS / JDK_JAVA_OPTIONS) sets a heap (-Xmx, MaxHeapSize, MaxRAM…)
#   any other command (a CLI command: list, status ID, prune…): a quick start
# VIDU_JAVA_OPTS is split on spaces and added after these, as ./vidu does.
set -eu
[ "$#" -gt 0 ] || set -- serve
if [ "$1" = serve ]; then
  options=""
  case " ${VIDU_JAVA_OPTS:-} ${JAVA_TOOL_OPTIONS:-} ${JDK_JAVA_OPTIONS:-} " in
    *-Xmx* | *MaxHeapSize* | *MaxRAM*) ;;
    *) options="-Xmx128m -XX:+UseSerialGC" ;;
  esac
else
  options="-XX:+UseSerialGC -XX:TieredStopAtLevel=1"
fi
# shellcheck disable=SC2086 # both are lists of options, split on spaces on purpose
exec java $options ${VIDU_JAVA_OPTS:-} -jar /app/vidu.jar "$@"
