# Shared by ops/test and ops/quickstart: install what is missing, start throwaway Redis and
# PostgreSQL on loopback in a temporary directory, stop them. Source it; it defines functions only.

QT_PACKAGES=(libhiredis-dev libcurl4-openssl-dev libssl-dev libpq-dev pkg-config redis-server redis-tools
             postgresql-15 postgresql-client-15 curl openssl python3-venv)
QT_PGBIN=/usr/lib/postgresql/15/bin

qt_log() { printf '[%s] %s\n' "${QT_SCRIPT:-ops}" "$*" >&2; }

# Installs the Debian packages the build and the servers need, when missing.
qt_install_packages() {
    local need=() pkg
    for pkg in "${QT_PACKAGES[@]}"; do dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg"); done
    if [ ${#need[@]} -gt 0 ]; then
        qt_log "installing: ${need[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq "${need[@]}" >/dev/null
    fi
    command -v swift >/dev/null || { [ -x /opt/swift/usr/bin/swift ] && export PATH=/opt/swift/usr/bin:$PATH; }
    command -v swift >/dev/null || { qt_log "swift is not on PATH (expected /opt/swift/usr/bin)"; return 1; }
}

qt_free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# qt_start_redis DIR: starts redis-server on a free port; sets QT_REDIS_PORT, QT_REDIS_PID.
# With QT_REDIS_AOF=yes it keeps an append-only file (appendfsync everysec) in DIR, so
# qt_restart_redis brings the streams back.
qt_start_redis() {
    QT_REDIS_PORT=$(qt_free_port)
    qt_launch_redis "$1"
}

qt_launch_redis() {
    local dir=$1 aof=${QT_REDIS_AOF:-no}
    redis-server --port "$QT_REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly "$aof" --appendfsync everysec \
        --dir "$dir" --unixsocket "$dir/redis.sock" --unixsocketperm 700 --logfile "$dir/redis.log" --daemonize no &
    QT_REDIS_PID=$!
    for _ in $(seq 1 50); do redis-cli -p "$QT_REDIS_PORT" ping >/dev/null 2>&1 && return 0; sleep 0.1; done
    qt_log "redis-server did not start"; cat "$dir/redis.log" >&2; return 1
}

# qt_restart_redis DIR DOWN_SECONDS: a clean SHUTDOWN (the AOF is flushed), DOWN_SECONDS without
# Redis, then the same server again on the same port.
qt_restart_redis() {
    local dir=$1 down=$2
    redis-cli -p "$QT_REDIS_PORT" shutdown >/dev/null 2>&1 || true
    while redis-cli -p "$QT_REDIS_PORT" ping >/dev/null 2>&1; do sleep 0.1; done
    sleep "$down"
    qt_launch_redis "$dir"
}

# qt_start_postgres DIR DATABASE: a throwaway cluster (trust auth, loopback) with DATABASE created;
# sets QT_PG_PORT.
qt_start_postgres() {
    local dir=$1 database=$2
    QT_PG_PORT=$(qt_free_port)
    chmod 755 "$dir"
    mkdir -p "$dir/pgdata" "$dir/pgsock"
    chown postgres:postgres "$dir/pgdata" "$dir/pgsock"
    runuser -u postgres -- "$QT_PGBIN/initdb" -D "$dir/pgdata" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    qt_postgres_up "$dir"
    psql -h 127.0.0.1 -p "$QT_PG_PORT" -U postgres -qc "CREATE DATABASE $database" >/dev/null
}

# qt_postgres_up DIR / qt_postgres_down DIR: start / fast-stop the cluster qt_start_postgres made.
qt_postgres_up() {
    local dir=$1
    runuser -u postgres -- "$QT_PGBIN/pg_ctl" -D "$dir/pgdata" -l "$dir/pgdata/server.log" -w \
        -o "-p $QT_PG_PORT -k $dir/pgsock -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
}

qt_postgres_down() {
    runuser -u postgres -- "$QT_PGBIN/pg_ctl" -D "$1/pgdata" -m fast -w stop >/dev/null
}

# qt_stop_servers DIR: stops what qt_start_redis / qt_start_postgres started there.
qt_stop_servers() {
    local dir=$1
    if [ -n "${QT_REDIS_PID:-}" ]; then kill "$QT_REDIS_PID" 2>/dev/null || true; fi
    if [ -f "$dir/pgdata/postmaster.pid" ]; then
        runuser -u postgres -- "$QT_PGBIN/pg_ctl" -D "$dir/pgdata" -m immediate -w stop >/dev/null 2>&1 || true
    fi
}
