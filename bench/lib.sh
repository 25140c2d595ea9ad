# Helpers the single-scenario bench scripts share: source it (`. "$(dirname "$0")/lib.sh"`).

pid_on_port() { # port -> pid of the process listening there, or nothing
  ss -Hltnp "sport = :$1" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true
}

cpu_ticks() { # pids... -> utime+stime of them and their threads, in clock ticks (a process gone counts nothing)
  local pid
  for pid in "$@"; do sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null || true; done | awk '{t += $12 + $13} END {print t + 0}'
}
