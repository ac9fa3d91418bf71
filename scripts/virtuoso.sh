#!/usr/bin/env bash
# A private Virtuoso Open Source 7 on loopback, for tests, benchmarks and trying `kg push`.
#
#   scripts/virtuoso.sh install          apt-get install virtuoso-opensource (Debian), if missing
#   scripts/virtuoso.sh start DIR        start a fresh or existing database in DIR; prints the endpoints
#   scripts/virtuoso.sh stop DIR         stop it
#
# Ports: $VIRTUOSO_HTTP_PORT (default 18890) and $VIRTUOSO_SQL_PORT (default 11111), both on 127.0.0.1.
# The dba password is $VIRTUOSO_DBA_PASSWORD (default dba; letters and digits only: a hyphen breaks
# SET PASSWORD). Unlike the Debian default (ResultSetMaxRows = 10000, which silently truncates results)
# results are capped at 1,000,000 rows. Updates need Digest auth as dba on /sparql-auth and
# /sparql-graph-crud-auth; /sparql is read-only.
set -euo pipefail

cmd=${1:-}
HTTP_PORT=${VIRTUOSO_HTTP_PORT:-18890}
SQL_PORT=${VIRTUOSO_SQL_PORT:-11111}
PASSWORD=${VIRTUOSO_DBA_PASSWORD:-dba}
VAD=/usr/share/virtuoso-opensource-7/vad

case "$cmd" in
install)
  if ! command -v virtuoso-t >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    apt-get install -y -q --no-install-recommends virtuoso-opensource >/dev/null
  fi
  # The package starts nothing where there is no init system; stop its service where there is one.
  if command -v service >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    service virtuoso-opensource-7 stop >/dev/null 2>&1 || true
  fi
  ;;
start)
  dir=$(realpath -m "${2:?give a folder}")
  mkdir -p "$dir"
  if [[ ! "$PASSWORD" =~ ^[A-Za-z0-9]+$ ]]; then
    echo "virtuoso.sh: VIRTUOSO_DBA_PASSWORD must be letters and digits" >&2; exit 2
  fi
  cat > "$dir/virtuoso.ini" <<EOF
[Database]
DatabaseFile       = $dir/virtuoso.db
ErrorLogFile       = $dir/virtuoso.log
LockFile           = $dir/virtuoso.lck
TransactionFile    = $dir/virtuoso.trx
xa_persistent_file = $dir/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase
[TempDatabase]
DatabaseFile       = $dir/virtuoso-temp.db
TransactionFile    = $dir/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0
[Parameters]
ServerPort           = 127.0.0.1:$SQL_PORT
LiteMode             = 0
DisableUnixSocket    = 1
DisableTcpSocket     = 0
MaxClientConnections = 10
CheckpointInterval   = 60
CaseMode             = 2
DirsAllowed          = ., $dir, $VAD
VADInstallDir        = $VAD/
NumberOfBuffers      = 170000
MaxDirtyBuffers      = 130000
MaxQueryMem          = 1G
ThreadsPerQuery      = 4
[HTTPServer]
ServerPort           = 127.0.0.1:$HTTP_PORT
ServerRoot           = /var/lib/virtuoso-opensource-7/vsp
MaxClientConnections = 10
EnabledDavVSP        = 0
HTTPProxyEnabled     = 0
ServerThreads        = 10
MaxKeepAlives        = 10
KeepAliveTimeout     = 10
Charset              = UTF-8
EnabledGzipContent   = 0
[SPARQL]
ResultSetMaxRows           = 1000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime      = 120
EOF
  fresh=0
  [ -f "$dir/virtuoso.db" ] || fresh=1
  if [ -f "$dir/virtuoso.pid" ] && kill -0 "$(cat "$dir/virtuoso.pid")" 2>/dev/null; then
    echo "virtuoso already running (pid $(cat "$dir/virtuoso.pid"))" >&2
  else
    (cd "$dir" && exec virtuoso-t +foreground +configfile "$dir/virtuoso.ini" >"$dir/stdout.log" 2>&1) &
    echo $! > "$dir/virtuoso.pid"
  fi
  # wait for the SQL port, then for the HTTP endpoint
  for _ in $(seq 1 120); do
    if isql-vt "127.0.0.1:$SQL_PORT" dba "$PASSWORD" exec="select 1;" >/dev/null 2>&1 \
       || { [ $fresh = 1 ] && isql-vt "127.0.0.1:$SQL_PORT" dba dba exec="select 1;" >/dev/null 2>&1; }; then
      break
    fi
    kill -0 "$(cat "$dir/virtuoso.pid")" 2>/dev/null || { cat "$dir/virtuoso.log" >&2; exit 1; }
    sleep 0.5
  done
  if [ $fresh = 1 ] && [ "$PASSWORD" != dba ]; then
    isql-vt "127.0.0.1:$SQL_PORT" dba dba exec="SET PASSWORD dba $PASSWORD;" >/dev/null
  fi
  for _ in $(seq 1 120); do
    curl -fsS -o /dev/null "http://127.0.0.1:$HTTP_PORT/sparql?query=ASK%7B%7D" 2>/dev/null && break
    sleep 0.5
  done
  echo "query:       http://127.0.0.1:$HTTP_PORT/sparql"
  echo "graph store: http://127.0.0.1:$HTTP_PORT/sparql-graph-crud-auth  (Digest auth: dba)"
  ;;
stop)
  dir=$(realpath -m "${2:?give a folder}")
  if [ -f "$dir/virtuoso.pid" ]; then
    pid=$(cat "$dir/virtuoso.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$dir/virtuoso.pid"
  fi
  ;;
*)
  echo "usage: scripts/virtuoso.sh install | start DIR | stop DIR" >&2; exit 2 ;;
esac
