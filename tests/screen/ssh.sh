#!/usr/bin/env bash
# Staff over a real SSH: scripts/install-server sets up a service account,
# a staff group, the configuration, the data directory and the sshd
# snippet (into this test's own folders, with names of its own); a real
# sshd on 127.0.0.1 with that snippet; staff accounts made by
# `sozialraum-admin adduser` with keys made here. Two staff log in with
# ssh at once and land in the program, umlauts shown though their client
# sends no locale; a command, sftp and forwarding get nothing but the
# program or a refusal; a staff shell cannot read the data; a killed ssh
# client ends the session at the server, frees its lock and keeps the draft.
# Everything made on the system (users, groups, homes) is removed at the end.
. "$(dirname "$0")/../tmux-lib.sh"
need ssh
need sftp
need useradd
need runuser
[ -x /usr/sbin/sshd ] || {
	echo "# skip: sshd is not installed (openssh-server)"
	exit 77
}
[ "$(id -u)" -eq 0 ] || {
	echo "# skip: making Unix accounts and running sshd needs root"
	exit 77
}

id=$$
SVC=srsvc$id GROUP=srstaff$id FK=srfk$id TL=srtl$id
ROOT=$TMP/root PREFIX=$TMP/root/usr ETC=$TMP/root/etc DATA=$TMP/root/data SSHD_D=$TMP/root/sshd
EXPORTS=$TMP/root/exports
C=$ETC/sozialraum.conf
SOCK=$DATA/sozialraum.sock
A=("$PREFIX/sbin/sozialraum-admin" -c "$C")

# stop_user LOGIN: every process of the user gone (userdel refuses while
# one runs).
stop_user() {
	pkill -9 -u "$1" 2>/dev/null || return 0
	for _ in $(seq 100); do
		pgrep -u "$1" >/dev/null || return 0
		sleep 0.05
	done
}

cleanup_ssh() {
	[ -f "$TMP/sshd.pid" ] && kill "$(cat "$TMP/sshd.pid")" 2>/dev/null
	for u in "$FK" "$TL" "$SVC"; do
		getent passwd "$u" >/dev/null || continue
		stop_user "$u"
		userdel -r "$u" 2>/dev/null || userdel "$u"
	done
	groupdel "$SVC" 2>/dev/null
	groupdel "$GROUP" 2>/dev/null
	cleanup_screen
}
trap cleanup_ssh EXIT

# The staff's and the service account's way to the socket and the
# configuration leads through this test's folder.
chmod 0755 "$TMP"
mkdir -p "$ETC" "$ROOT"
# The configuration an admin would have written (install-server keeps it):
# the demo's, with two staff whose logins are this test's Unix accounts.
sed -e "s|^data_dir = .*|data_dir = \"$DATA\";|" -e "s|^export_dir = .*|export_dir = \"$EXPORTS\";|" \
	-e "s|\"fk.fg\"|\"$FK\"|" \
	-e "s|\"tl.fg\"|\"$TL\"|" "$SRCDIR/conf/sozialraum.conf" >"$C"
cp "$SRCDIR/conf/streets.conf" "$ETC/"
sum_before=$(md5sum <"$C")

install_server() {
	"$SRCDIR/scripts/install-server" --no-build --no-systemd --builddir "$BUILDDIR" \
		--prefix "$PREFIX" --etc "$ETC" --data "$DATA" --exports "$EXPORTS" --user "$SVC" \
		--staff-group "$GROUP" --sshd-dir "$SSHD_D"
}
expect_exit 0 "install: install-server sets the machine up" install_server
expect_output "install: ... and says how to start the server without systemd" \
	"runuser -u $SVC -- $PREFIX/sbin/sozialraumd"
expect_exit 0 "install: run again, it succeeds" install_server
[ "$(md5sum <"$C")" = "$sum_before" ] && ok "install: ... and leaves the admin's configuration alone" ||
	not_ok "install: ... and leaves the admin's configuration alone"
for f in bin/sozialraum sbin/sozialraumd sbin/sozialraum-admin share/man/man1/sozialraum.1 \
	share/man/man8/sozialraumd.8 share/man/man8/sozialraum-admin.8 share/man/man5/sozialraum.conf.5; do
	[ -e "$PREFIX/$f" ] || echo "# missing: $PREFIX/$f"
done >"$TMP/out"
[ -s "$TMP/out" ] && { cat "$TMP/out"; not_ok "install: programs and man pages installed"; } ||
	ok "install: programs and man pages installed"
modes() { stat -c '%a %U' "$@" | tr '\n' ' '; }
[ "$(modes "$DATA" "$DATA/db")" = "711 $SVC 700 $SVC " ] &&
	ok "install: the data directory is the service account's (0711, db/ 0700)" ||
	not_ok "install: the data directory is the service account's: $(modes "$DATA" "$DATA/db")"
[ "$(modes "$C")" = "644 root " ] && ok "install: the configuration is root's, readable (0644)" ||
	not_ok "install: the configuration is root's, readable: $(modes "$C")"
getent passwd "$SVC" | grep -q ':/usr/sbin/nologin$' && ok "install: the service account has no shell" ||
	not_ok "install: the service account has no shell"

# Demo data, written by the service account; then its server.
expect_exit 0 "install: the service account writes demo data" \
	runuser -u "$SVC" -- "${A[@]}" demo --cases 20
runuser -u "$SVC" -- "$PREFIX/sbin/sozialraumd" -f -c "$C" 2>"$TMP/server.log" &
for _ in $(seq 200); do [ -S "$SOCK" ] && break; sleep 0.05; done
[ -S "$SOCK" ] && ok "server: runs as the service account" || not_ok "server: runs as the service account"

# Staff accounts with keys.
mkdir -p "$TMP/keys"
for u in "$FK" "$TL"; do
	ssh-keygen -q -t ed25519 -N '' -C "$u" -f "$TMP/keys/$u"
	expect_exit 0 "adduser: $u gets an account with the key" \
		"${A[@]}" adduser "$u" --key "$TMP/keys/$u.pub" --group "$GROUP"
done
expect_exit 0 "adduser: run again, it adds nothing twice" \
	"${A[@]}" adduser "$FK" --key "$TMP/keys/$FK.pub" --group "$GROUP"
[ "$(grep -c . "/home/$FK/.ssh/authorized_keys")" = 1 ] && ok "adduser: ... the key is there once" ||
	not_ok "adduser: ... the key is there once"
[ "$(modes "/home/$FK/.ssh" "/home/$FK/.ssh/authorized_keys")" = "700 $FK 600 $FK " ] &&
	ok "adduser: ... ~/.ssh is the user's (0700, 0600)" || not_ok "adduser: ... ~/.ssh modes"
expect_exit 1 "adduser: a login not in the staff list is refused" \
	"${A[@]}" adduser "nobody$id" --group "$GROUP"
expect_output "adduser: ... saying so" "not a staff login"
printf 'command="/bin/sh" ssh-ed25519 AAAA x\n' >"$TMP/keys/bad.pub"
expect_exit 1 "adduser: a key file with options is refused" \
	"${A[@]}" adduser "$FK" --key "$TMP/keys/bad.pub" --group "$GROUP"
expect_output "adduser: ... naming the line" "bad.pub:1: not an OpenSSH public key"

# The sshd: this test's own, with the snippet install-server wrote.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
ssh-keygen -q -t ed25519 -N '' -f "$TMP/hostkey"
cat >"$TMP/sshd_config" <<EOF
Port $port
ListenAddress 127.0.0.1
HostKey $TMP/hostkey
PidFile $TMP/sshd.pid
PermitRootLogin no
UsePAM no
AcceptEnv LANG LC_*
Subsystem sftp /usr/lib/openssh/sftp-server
Include $SSHD_D/sozialraum.conf
EOF
mkdir -p /run/sshd
expect_exit 0 "sshd: accepts the configuration with the snippet" /usr/sbin/sshd -t -f "$TMP/sshd_config"
/usr/sbin/sshd -T -f "$TMP/sshd_config" -C "user=$FK,host=localhost,addr=127.0.0.1" >"$TMP/out"
for want in "forcecommand $PREFIX/bin/sozialraum -c $C" "disableforwarding yes" \
	"allowagentforwarding no" "x11forwarding no" "permittunnel no" "setenv LANG=C.UTF-8" \
	"clientaliveinterval 15" "passwordauthentication no"; do
	grep -qx -- "$want" "$TMP/out" || echo "# missing: $want"
done >"$TMP/missing"
[ -s "$TMP/missing" ] && { cat "$TMP/missing"; not_ok "sshd: a staff member's session is the program, no forwarding"; } ||
	ok "sshd: a staff member's session is the program, no forwarding"
/usr/sbin/sshd -D -e -f "$TMP/sshd_config" 2>"$TMP/sshd.log" &
for _ in $(seq 100); do
	python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null && break
	sleep 0.05
done

SSH=(ssh -F /dev/null -p "$port" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null
	-o LogLevel=ERROR -o BatchMode=yes -o IdentitiesOnly=yes -o IdentityAgent=none)
# as LOGIN [COMMAND...]: ssh as a staff member, with their key.
as() {
	local u=$1
	shift
	"${SSH[@]}" -i "$TMP/keys/$u" "$u@127.0.0.1" "$@"
}

# A login in a tmux window, with no locale in the client's environment.
ssh_session() {
	local name=$1 u=$2 cmd
	cmd="env -i PATH=/usr/bin:/bin TERM=tmux-256color ${SSH[*]} -tt -i $TMP/keys/$u $u@127.0.0.1; echo EXITED \$?; sleep 600"
	if tm has-session 2>/dev/null; then
		tm new-window -d -t main: -n "$name" "$cmd"
	else
		tm new-session -d -s main -n "$name" -x 80 -y 24 "$cmd"
	fi
}
ssh_session fk "$FK"
screen_check "ssh: the caseworker lands in the program, umlauts shown" fk "Ayşe Yılmaz"
grep -q "Kein UTF-8" "$TMP/screen" && not_ok "ssh: ... without the note of a missing UTF-8" ||
	ok "ssh: ... without the note of a missing UTF-8"
ssh_session tl "$TL"
screen_check "ssh: a team lead at the same time, in their own session" tl "Jürgen Müller"
keys fk a
screen_check "ssh: ... the first still works: the offers list" fk "Einträg|Eintrag"

# Not a shell, not a file transfer, not a tunnel.
as "$FK" ls / >"$TMP/out" 2>&1
rc=$?
grep -qxE "bin|etc|usr" "$TMP/out" && not_ok "ssh: a command runs nothing but the program (it listed /)" ||
	{ [ "$rc" -ne 0 ] && grep -q "braucht ein Terminal" "$TMP/out" &&
		ok "ssh: a command runs nothing but the program, which says it needs a terminal" ||
		{ sed 's/^/#   /' "$TMP/out"; not_ok "ssh: a command runs nothing but the program (exit $rc)"; }; }
echo ls | sftp -F /dev/null -P "$port" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
	-o LogLevel=ERROR -o BatchMode=yes -o IdentitiesOnly=yes -i "$TMP/keys/$FK" -b - \
	"$FK@127.0.0.1" >"$TMP/out" 2>&1
rc=$?
[ "$rc" -ne 0 ] && ! grep -q "authorized_keys\|\.ssh" "$TMP/out" && ok "ssh: sftp gets no files" ||
	{ sed 's/^/#   /' "$TMP/out"; not_ok "ssh: sftp gets no files (exit $rc)"; }
lport=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${SSH[@]}" -i "$TMP/keys/$FK" -N -L "$lport:127.0.0.1:$port" "$FK@127.0.0.1" &
tunnel=$!
banner=
for _ in $(seq 100); do
	banner=$(python3 - "$lport" <<'EOF' 2>/dev/null
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1)
s.settimeout(3)
print(s.recv(64).decode("ascii", "replace").strip())
EOF
	) && break
	sleep 0.05
done
kill "$tunnel" 2>/dev/null
[[ $banner != SSH-* ]] && ok "ssh: -L forwards nothing" || not_ok "ssh: -L forwards nothing (got '$banner')"
timeout 20 "${SSH[@]}" -i "$TMP/keys/$FK" -N -o ExitOnForwardFailure=yes -R "0:127.0.0.1:$port" \
	"$FK@127.0.0.1" >"$TMP/out" 2>&1
rc=$?
[ "$rc" -eq 255 ] && ok "ssh: -R is refused" || { sed 's/^/#   /' "$TMP/out"; not_ok "ssh: -R is refused (exit $rc)"; }

# A staff member with a shell of their own reads nothing of the data.
readable=0
while IFS= read -r -d '' f; do
	runuser -u "$FK" -- head -c 1 "$f" >/dev/null 2>&1 && { echo "# readable: $f"; readable=1; }
done < <(find "$DATA" -type f -print0)
runuser -u "$FK" -- ls "$DATA/db" >/dev/null 2>&1 && { echo "# the db folder can be listed"; readable=1; }
[ "$readable" -eq 0 ] && [ -n "$(find "$DATA/db" -type f)" ] &&
	ok "data: a staff shell can read no file of the data directory" ||
	not_ok "data: a staff shell can read no file of the data directory"
# Their own configuration makes them nobody else: the server decides by uid.
sed -e "s|\"$FK\"; name = \"Ayşe Yılmaz\"; role = \"fachkraft\"; team = \"T-FG\"|\"$FK\"; name = \"Ayşe Yılmaz\"; role = \"amtsleitung\"|" \
	"$C" >"$TMP/own.conf"
cp "$ETC/streets.conf" "$TMP/"
chmod 0644 "$TMP/own.conf" "$TMP/streets.conf"
tm new-window -d -t main: -n own \
	"runuser -u $FK -- env LANG=C.UTF-8 TERM=tmux-256color $PREFIX/bin/sozialraum -c $TMP/own.conf; echo EXITED \$?; sleep 600"
screen_check "rights: with a configuration of their own, still a caseworker" own "Ayşe Yılmaz.*Fachkraft|Fachkraft.*Ayşe"
grep -q "Ayşe Yılmaz · Amtsleitung" "$TMP/screen" && not_ok "rights: ... not the head of office the file says" ||
	ok "rights: ... not the head of office the file says"
keys own q
screen_check "rights: ... and quits" own "EXITED 0"
tm new-window -d -t main: -n as \
	"runuser -u $FK -- env LANG=C.UTF-8 TERM=tmux-256color $PREFIX/bin/sozialraum -c $C --as amt; echo EXITED \$?; sleep 600"
screen_check "rights: --as is refused to staff" as "--as ist nur für root.*|EXITED [1-9]"

# A dropped connection while a form holds input.
keys fk Enter
screen_check "drop: an offer opens" fk "Stand [0-9]+ – zum Ändern"
keys fk Down Down End
type_text fk " (über ssh)"
screen_check "drop: typing takes the lock" fk "– in Bearbeitung"
"${A[@]}" locks >"$TMP/out" 2>&1
expect_output "drop: the server holds the caseworker's lock" "$FK"
# (the ssh client only: the tmux server was started with the same words)
pkill -9 -f -- "^ssh .*-i $TMP/keys/$FK $FK@127.0.0.1"
gone=1
for _ in $(seq 200); do
	pgrep -u "$FK" -x sozialraum >/dev/null || { gone=0; break; }
	sleep 0.05
done
[ "$gone" -eq 0 ] && ok "drop: the killed client's session ends at the server within seconds" ||
	not_ok "drop: the killed client's session ends at the server within seconds"
"${A[@]}" locks >"$TMP/out" 2>&1
expect_output "drop: ... its lock is free" "^0 edit locks"
ssh_session fk2 "$FK"
screen_check "drop: logging in again offers the draft" fk2 "1 +[0-9.]+ [0-9:]+ +Angebot: "
keys fk2 1
screen_check "drop: ... with the input" fk2 "\(über ssh\)"
keys fk2 Escape j Escape
screen_check "export: back at the dashboard" fk2 "Hauptmenü"
keys fk2 a
screen_check "export: the offers list" fk2 "Einträg"
keys fk2 x
screen_check "export: x writes the list into the caseworker's folder" fk2 "Exportiert: $EXPORTS/$FK/offers-"
f=$(find "$EXPORTS/$FK" -name 'offers-*.csv' | head -1)
[ -n "$f" ] && [ "$(stat -c '%U %a' "$f")" = "$FK 600" ] &&
	[ "$(stat -c '%U %a' "$EXPORTS/$FK")" = "$FK 700" ] &&
	ok "export: ... the file and its folder are the caseworker's own (0600, 0700)" ||
	not_ok "export: ... the file and its folder are the caseworker's own: $(stat -c '%U %a %n' "$EXPORTS/$FK" "$f" 2>&1)"
runuser -u "$TL" -- ls "$EXPORTS/$FK" >/dev/null 2>&1 && not_ok "export: ... another staff member cannot look in" ||
	ok "export: ... another staff member cannot look in"
keys fk2 q
keys tl q
screen_check "ssh: quitting ends the ssh session" tl "EXITED 0"
finish
