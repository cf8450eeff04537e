# procsweep's JVM choice, flags and class-data archive, sourced (POSIX sh) by both launchers:
# bin/procsweep of the release archive (as lib/jvm.sh) and ./procsweep of the repository.
# It defines functions only; the launcher calls them:
#   procsweep_pick_java      sets psw_java (the binary), psw_major, psw_version, psw_home
#                            (the JDK's folder), or says in one sentence why not and exits 3
#   psw_arg ARG...           appends launch arguments (properties, -jar JAR or -cp CP MAIN)
#   procsweep_exec DIR JAR ARGS...
#                            runs the JVM with the flags below, the launch arguments and ARGS;
#                            with a folder DIR, a class-data archive for this JVM and JAR kept
#                            there (made by a training run on first use); an empty DIR, none
#
# Which Java: $PROCSWEEP_JAVA when set (only that one). Otherwise the newest major version, 17
# or later, of $JAVA_HOME/bin/java, java on the PATH and the system's JVM folder
# (/usr/lib/jvm/*, or /Library/Java/JavaVirtualMachines/*/Contents/Home on macOS); on a tie the
# one named first. A version is read from the JDK's `release` file; `java -version` (a JVM start)
# only runs for a binary without one.
# PROCSWEEP_JVM_DIRS, for tests only: colon-separated JVM folders to search instead of the
# system's (empty: none), so a test can hide every JDK but one.
# PROCSWEEP_JAVA_OPTS: more JVM flags, split at spaces, after procsweep's own (so they win).

psw_args=""

# psw_quote WORD: psw_q becomes WORD quoted for eval.
psw_quote() {
  case $1 in
    *"'"*) psw_q=$(printf '%s\n' "$1" | sed -e "s/'/'\\\\''/g" -e "1s/^/'/" -e "\$s/\$/'/") ;;
    *) psw_q="'$1'" ;;
  esac
}

# Appends its arguments, each quoted for eval, to psw_args.
psw_arg() {
  for psw_a in "$@"; do
    psw_quote "$psw_a"
    psw_args="$psw_args $psw_q"
  done
}

# psw_resolve PATH: psw_real becomes PATH with its symlinks resolved, one link at a time (macOS
# before 12.3 has no readlink -f). Folder links stay: a JDK seen through two of them is read twice
# (a file read, no process), which costs less than resolving every folder.
psw_resolve() {
  psw_real=$1
  case $psw_real in */*) ;; *) psw_real=./$psw_real ;; esac
  while [ -L "$psw_real" ]; do
    psw_link=$(readlink -- "$psw_real") || break
    case $psw_link in
      /*) psw_real=$psw_link ;;
      *) psw_real=${psw_real%/*}/$psw_link ;;
    esac
  done
}

# psw_probe BINARY: psw_v_major, psw_v_version and psw_v_home for a java binary; the major is
# empty when it cannot be told. "17.0.2" -> 17, "1.8.0_392" -> 8.
psw_probe() {
  psw_resolve "$1"
  psw_v_home=${psw_real%/*/*}
  psw_v_version=""
  if [ -f "$psw_v_home/release" ]; then
    while IFS= read -r psw_line; do
      case $psw_line in
        JAVA_VERSION=*) psw_v_version=${psw_line#JAVA_VERSION=} ;;
      esac
    done <"$psw_v_home/release"
    psw_v_version=${psw_v_version#\"}
    psw_v_version=${psw_v_version%\"}
  fi
  if [ -z "$psw_v_version" ]; then
    psw_v_version=$("$1" -version 2>&1 | sed -n 's/^[^"]* version "\([^"]*\)".*/\1/p' \
      | head -n 1) || psw_v_version=""
  fi
  psw_v_major=${psw_v_version#1.}
  case $psw_v_version in 1.*) ;; *) psw_v_major=$psw_v_version ;; esac
  psw_v_major=${psw_v_major%%[!0-9]*}
}

psw_found=""
psw_seen=":"
# psw_consider BINARY WHERE: takes BINARY if it is newer than the pick so far; else notes it for
# the error message. A binary already seen (through another link) is skipped.
psw_consider() {
  [ -n "$1" ] || return 1
  if [ ! -x "$1" ] || [ -d "$1" ]; then
    psw_found="$psw_found${psw_found:+, }$1 ($2, not an executable)"
    return 1
  fi
  psw_probe "$1"
  case $psw_seen in *":$psw_real:"*) return 1 ;; esac
  psw_seen="$psw_seen$psw_real:"
  if [ -n "$psw_v_major" ] && [ "$psw_v_major" -ge 17 ]; then
    if [ -z "${psw_java:-}" ] || [ "$psw_v_major" -gt "$psw_major" ]; then
      psw_java=$1 psw_major=$psw_v_major psw_version=$psw_v_version psw_home=$psw_v_home
    fi
    return 0
  fi
  psw_found="$psw_found${psw_found:+, }$1 ($2, version ${psw_v_major:-unknown})"
  return 1
}

procsweep_pick_java() {
  psw_java=""
  if [ -n "${PROCSWEEP_JAVA:-}" ]; then
    psw_consider "$PROCSWEEP_JAVA" PROCSWEEP_JAVA || true
  else
    [ -z "${JAVA_HOME:-}" ] || psw_consider "$JAVA_HOME/bin/java" JAVA_HOME || true
    # The first java on the PATH, found without starting a process (as all of this: start-up).
    psw_path_java=""
    psw_rest=${PATH:-}
    while [ -n "$psw_rest" ] && [ -z "$psw_path_java" ]; do
      psw_entry=${psw_rest%%:*}
      case $psw_rest in *:*) psw_rest=${psw_rest#*:} ;; *) psw_rest="" ;; esac
      case $psw_entry in /*) [ ! -x "$psw_entry/java" ] || [ -d "$psw_entry/java" ] \
        || psw_path_java=$psw_entry/java ;; esac
    done
    if [ -d /Library/Java/JavaVirtualMachines ]; then
      psw_system=/Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java
      # /usr/bin/java is Apple's stub for one of those: read them directly instead.
      [ "$psw_path_java" != /usr/bin/java ] || psw_path_java=""
    else
      psw_system=/usr/lib/jvm/*/bin/java
    fi
    psw_consider "$psw_path_java" PATH || true
    if [ -n "${PROCSWEEP_JVM_DIRS+set}" ]; then
      psw_system=""
      psw_rest=$PROCSWEEP_JVM_DIRS
      while [ -n "$psw_rest" ]; do
        psw_system="$psw_system ${psw_rest%%:*}/*/bin/java"
        case $psw_rest in *:*) psw_rest=${psw_rest#*:} ;; *) psw_rest="" ;; esac
      done
    fi
    for psw_candidate in $psw_system; do
      [ ! -x "$psw_candidate" ] || psw_consider "$psw_candidate" "JVM folder" || true
    done
  fi
  if [ -z "$psw_java" ]; then
    echo "procsweep: needs Java 17 or newer, found ${psw_found:-no java (PROCSWEEP_JAVA, JAVA_HOME, PATH and the system JVM folder checked)}; set PROCSWEEP_JAVA to a Java 17+ binary" >&2
    exit 3
  fi
}

# The JVM flags, the one place both launchers take them from.
# Serial GC and tier-1 JIT: a scan is a short run, start-up dominates.
# Standard output belongs to the report alone: no perf-data file in /tmp/hsperfdata_<user>
# (two JVMs that are pid 1 of their own pid namespaces and share /tmp fight over the same file,
# and the JVM warned about it on stdout, ahead of the JSON), and every JVM message, unified
# logging or not, goes to stderr.
# Memory (DESIGN §10: a scan at 5,000 processes ≤ 96 MiB, `watch` steady ≤ 64 MiB). The heap
# starts at 8 MiB with a 4 MiB young generation, and full collections give back what is more
# than 30% free: by default the heap starts at 1/64 of the machine's RAM and a long `watch`
# fills all of it with promoted garbage before it ever collects (440 MiB seen on a 24 GiB
# machine while the process count peaked), and a 24 MiB young generation alone keeps 20 MiB
# of eden touched. One C1 compiler thread: its arena stays small, and a many-core machine does
# not start more. Measured in a pid namespace against the previous flags (-Xmn24m alone):
# `watch --interval 1s` at ~60 processes, steady over 5 minutes through the launcher, Java 25
# with its AOT cache 81.2 -> 62.7 MiB, Java 17 with its CDS archive 74.5 -> 54.4 MiB; a scan
# (Java 25) at 5,000 processes peak 90.3 -> 77.1 MiB, CPU time ratio 0.99 (10 pairs); at 10,000
# 110.3 -> 92.6 MiB, CPU 0.99 (6 pairs); at 100, 69.1 -> 61.7 MiB, CPU 0.99 (20 pairs). -Xss,
# the code cache's size, MALLOC_ARENA_MAX and compact object headers changed nothing measurable.
# JNA calls System.load: from Java 22 that warns on stderr unless native access is enabled.
psw_set_flags() {
  psw_flags="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1"
  psw_flags="$psw_flags -Xms8m -Xmn4m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30"
  psw_flags="$psw_flags -XX:-UsePerfData -XX:+DisplayVMOutputToStderr"
  psw_flags="$psw_flags -Xlog:disable -Xlog:all=warning:stderr"
  [ "$psw_major" -lt 22 ] || psw_flags="$psw_flags --enable-native-access=ALL-UNNAMED"
  # A long watch frees native memory (the compiler's arenas, read buffers) that glibc keeps:
  # returned every 5 s. Measured at 5,000 processes, watch --interval 1s, Java 25: VmRSS 69-71
  # -> 63-64 MiB. A product flag from 22; experimental in 17.0.9+ (a backport); not in 18-21,
  # where an unknown flag would stop the JVM.
  case $psw_version in
    *.*.*) psw_update=${psw_version#*.*.} psw_update=${psw_update%%[!0-9]*} ;;
    *) psw_update=0 ;;
  esac
  if [ "$psw_major" -ge 22 ]; then
    psw_flags="$psw_flags -XX:TrimNativeHeapInterval=5000"
  elif [ "$psw_major" -eq 17 ] && [ "${psw_update:-0}" -ge 9 ]; then
    psw_flags="$psw_flags -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=5000"
  fi
  # An archive that does not match is not news: the JVM runs without it, silently.
  psw_flags="$psw_flags -Xlog:cds*=off:stderr"
  [ "$psw_major" -lt 25 ] || psw_flags="$psw_flags -Xlog:aot*=off:stderr"
  set -f
  for psw_a in ${PROCSWEEP_JAVA_OPTS:-}; do
    psw_quote "$psw_a"
    psw_flags="$psw_flags $psw_q"
  done
  set +f
}

# Class-data archive: once per JVM and jar, a read-only training scan records the classes
# procsweep loads; later starts map them instead of loading and verifying them again, which
# roughly halves start-up. Java 25 and later: an AOT cache (JEP 483/514), which also keeps the
# classes linked; before, a dynamic AppCDS archive. Its name carries the JVM's version and a
# checksum of its folder and of the jar's path, so JDKs and installs each have their own; an
# archive older than the jar is never used. Training writes a temporary name and renames it, so
# concurrent first launches never write into the file another one maps. The JVM itself is never
# asked to rewrite an archive in place (-XX:+AutoCreateSharedArchive would, from Java 19, on a
# mismatch, from every launch that sees it). A folder that cannot be written: no archive.
psw_archive() { # DIR JAR
  psw_archive=""
  mkdir -p -- "$1" 2>/dev/null && [ -w "$1" ] || return 0
  psw_key=$(printf '%s\n%s\n' "$psw_home" "$2" | cksum)
  psw_file="$1/procsweep-java$psw_major-${psw_version%%[!0-9.]*}-${psw_key%% *}"
  if [ "$psw_major" -ge 25 ]; then
    psw_file=$psw_file.aot psw_use=-XX:AOTCache psw_make=-XX:AOTCacheOutput
  else
    psw_file=$psw_file.jsa psw_use=-XX:SharedArchiveFile psw_make=-XX:ArchiveClassesAtExit
  fi
  if [ ! "$psw_file" -nt "$2" ]; then
    # A name of its own per run: launchers in separate pid namespaces can share one $$.
    psw_tmp=$(mktemp "$psw_file.XXXXXX") || return 0
    rm -f "$psw_tmp"
    # A finished scan exits 0, or 1 with findings at --fail-on: either wrote a whole archive.
    # (Guarded: the repository launcher runs under set -e.)
    psw_rc=0
    eval "\"\$psw_java\" $psw_flags \"\$psw_make=\$psw_tmp\" $psw_args" \
      scan --sample 0 --format json >/dev/null 2>&1 </dev/null || psw_rc=$?
    case $psw_rc in
      0|1) [ ! -s "$psw_tmp" ] || mv -f "$psw_tmp" "$psw_file" ;;
    esac
    rm -f "$psw_tmp" "$psw_tmp.config"
    [ "$psw_file" -nt "$2" ] || return 0
  fi
  psw_quote "$psw_use=$psw_file"
  psw_archive=$psw_q
}

procsweep_exec() { # DIR JAR ARGS...
  psw_set_flags
  psw_archive=""
  [ -z "$1" ] || psw_archive "$1" "$2"
  shift 2
  eval "exec \"\$psw_java\" $psw_flags $psw_archive $psw_args \"\$@\""
}
