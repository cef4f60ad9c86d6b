/* sozialraumd's loop: one thread serves every interactive request.
 *
 * poll() watches the socket, the connections and the wake pipe (signals and
 * the worker write a byte there: handlers only set flags). Each round takes
 * at most one message per connection, so a flooding client cannot starve
 * the others; the answers of the round are held back until one log sync
 * covers every save of the round (group commit), then sent. A client that
 * does not read its answers (full socket buffer), keeps sending garbage or
 * never says hello is dropped; its edit locks go with it.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <syslog.h>
#include <unistd.h>

#include "server.h"

#define HELLO_TIMEOUT_S 10
#define CONNS_PER_UID   32 /* sessions of one staff member: a few terminals, scripts */
#define POLL_MS         1000

volatile sig_atomic_t server_got_hup, server_got_term;
static bool log_to_stderr = true;

void server_log_init(bool foreground)
{
	log_to_stderr = foreground;
	if (!foreground)
		openlog("sozialraumd", LOG_PID, LOG_DAEMON);
}

void server_log(int priority, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (log_to_stderr) {
		fputs("sozialraumd: ", stderr);
		vfprintf(stderr, fmt, ap);
		fputc('\n', stderr);
	} else {
		vsyslog(priority, fmt, ap);
	}
	va_end(ap);
}

struct conn *server_find_conn(struct server *server, uint64_t number)
{
	for (struct conn *c = server->conns; c; c = c->next)
		if (c->number == number)
			return c;
	return NULL;
}

static void drop_conn(struct server *server, struct conn *conn)
{
	struct conn **p;

	for (p = &server->conns; *p && *p != conn; p = &(*p)->next)
		;
	if (*p)
		*p = conn->next;
	locks_release_conn(server, conn->number);
	if (conn->export_fd >= 0)
		close(conn->export_fd);
	if (conn->import_fd >= 0)
		close(conn->import_fd);
	close(conn->fd);
	server->nconns--;
	free(conn);
}

void server_send_to(struct server *server, uint64_t number, const struct codec_buf *buf)
{
	struct conn *conn = server_find_conn(server, number);

	if (!conn || buf->len == 0)
		return;
	/* Non-blocking: a client whose buffer is full is not reading. */
	if (wire_send(conn->fd, buf) != STATUS_OK)
		conn->closing = true;
}

/* A connection that may not stay is told why in one answer, then closed. */
static void refuse_conn(int fd, const char *text)
{
	struct codec_buf buf;

	codec_buf_init(&buf);
	server_reply_error(&buf, 0, STATUS_ERR_BUSY, text);
	wire_send(fd, &buf);
	codec_buf_free(&buf);
	close(fd);
}

/* Connections of one uid: root and the server's own account (admin
 * scripts, tests, demos) are not counted. */
static bool uid_has_room(const struct server *server, uid_t uid)
{
	size_t n = 0;

	if (uid == 0 || uid == geteuid())
		return true;
	for (const struct conn *c = server->conns; c; c = c->next)
		n += c->uid == uid;
	return n < CONNS_PER_UID;
}

/* Out of descriptors: the spare one is given up for a moment, so that
 * the waiting connection can be accepted and told, instead of staying in
 * the queue and waking every poll at once (a busy loop). */
static void accept_without_descriptors(struct server *server)
{
	int fd;

	if (server->spare_fd < 0)
		return;
	close(server->spare_fd);
	fd = accept4(server->listen_fd, NULL, NULL, SOCK_CLOEXEC);
	if (fd >= 0)
		refuse_conn(fd, "Der Server hat gerade zu viele Verbindungen; bitte gleich noch "
		                "einmal versuchen.");
	server->spare_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	server_log(LOG_WARNING, "out of file descriptors with %zu connections", server->nconns);
}

/* Accepts one waiting connection; false when there was none to take. */
static bool accept_conn(struct server *server)
{
	struct conn *conn;
	uid_t uid;
	pid_t pid;
	int fd = wire_accept(server->listen_fd, &uid, &pid);

	if (fd < 0) {
		if (errno == EMFILE || errno == ENFILE)
			accept_without_descriptors(server);
		return false;
	}
	if (!uid_has_room(server, uid)) {
		refuse_conn(fd, "Zu viele Sitzungen dieses Benutzers; bitte eine andere beenden.");
		return true;
	}
	if (!(conn = calloc(1, sizeof(*conn)))) {
		close(fd);
		return false;
	}
	conn->fd = fd;
	conn->uid = uid;
	conn->pid = pid;
	conn->staff = -1;
	conn->export_fd = -1;
	conn->import_fd = -1;
	conn->opened = time(NULL);
	conn->number = ++server->next_conn;
	conn->next = server->conns;
	server->conns = conn;
	server->nconns++;
	return true;
}

static void queue_reply(struct server *server, const struct conn *conn, struct codec_buf *reply,
                        uint64_t started)
{
	struct pending *p;

	if (reply->len == 0)
		return;
	if (server->npending == server->pending_cap) {
		size_t cap = server->pending_cap ? server->pending_cap * 2 : 64;

		p = realloc(server->pending, cap * sizeof(*p));
		if (!p)
			return;
		server->pending = p;
		server->pending_cap = cap;
	}
	p = &server->pending[server->npending++];
	p->conn = conn->number;
	p->class = conn->request_class;
	p->started = started;
	p->buf = *reply; /* takes over the buffer */
	codec_buf_init(reply);
}

void server_deferred(struct server *server)
{
	server->needs_flush = true;
	server->deferred_writes++;
}

enum status server_finish_write(struct server *server, struct store_txn *txn, enum status st)
{
	if (st != STATUS_OK) {
		store_abort(txn);
		return st;
	}
	st = store_commit_deferred(txn);
	server_deferred(server);
	return st;
}

static void read_conn(struct server *server, struct conn *conn, uint8_t *buf)
{
	struct codec_buf reply;
	size_t len = 0;
	enum status st = wire_recv(conn->fd, buf, &len);
	uint64_t started = stats_now();
	bool holds = false;

	codec_buf_init(&reply);
	conn->request_class = STATS_NONE;
	if (st == STATUS_ERR_TOO_LONG) {
		server_reply_error(&reply, 0, STATUS_ERR_TOO_LONG, NULL);
		conn->closing = ++conn->bad_messages >= 3;
	} else if (st != STATUS_OK) {
		conn->closing = true; /* hang-up, kill, crash of the client */
	} else {
		uint64_t writes = server->deferred_writes;

		if (!server_handle(server, conn, buf, len, &reply))
			conn->closing = true;
		/* Only answers to writes wait for the round's log sync; a read
		 * is answered at once. */
		holds = server->deferred_writes != writes;
	}
	if (holds) {
		queue_reply(server, conn, &reply, started);
	} else {
		server_send_to(server, conn->number, &reply);
		stats_add(server, conn->request_class, started);
	}
	codec_buf_free(&reply);
}

/* Sends the round's answers after one sync for all of its saves. */
static void send_pending(struct server *server)
{
	if (server->needs_flush && store_flush(server->store) != STATUS_OK) {
		server_log(LOG_CRIT, "cannot sync the log: stopping without acknowledging");
		server_got_term = 1;
		server->npending = 0;
		for (size_t i = 0; i < server->nevents; i++)
			free(server->events[i].scope_rec);
		server->nevents = 0;
	}
	server->needs_flush = false;
	events_send(server);
	for (size_t i = 0; i < server->npending; i++) {
		server_send_to(server, server->pending[i].conn, &server->pending[i].buf);
		stats_add(server, server->pending[i].class, server->pending[i].started);
		codec_buf_free(&server->pending[i].buf);
	}
	server->npending = 0;
}

static void drop_closing(struct server *server)
{
	time_t now = time(NULL);
	struct conn *conn = server->conns, *next;

	for (; conn; conn = next) {
		next = conn->next;
		if (conn->closing || (conn->staff < 0 && now - conn->opened > HELLO_TIMEOUT_S))
			drop_conn(server, conn);
	}
}

static size_t fill_poll(struct server *server, struct pollfd *fds, struct conn **conns)
{
	size_t n = 2;

	fds[0] = (struct pollfd){.fd = server->listen_fd, .events = POLLIN};
	fds[1] = (struct pollfd){.fd = server->wake[0], .events = POLLIN};
	for (struct conn *c = server->conns; c; c = c->next) {
		fds[n] = (struct pollfd){.fd = c->fd, .events = POLLIN};
		conns[n++] = c;
	}
	return n;
}

static int poll_round(struct server *server, uint8_t *buf)
{
	size_t cap = server->nconns + 2;
	struct pollfd *fds = calloc(cap, sizeof(*fds));
	struct conn **conns = calloc(cap, sizeof(*conns));
	size_t n;
	char drain[64];

	if (!fds || !conns) {
		free(fds);
		free(conns);
		return -1;
	}
	n = fill_poll(server, fds, conns);
	if (poll(fds, n, POLL_MS) < 0 && errno != EINTR) {
		free(fds);
		free(conns);
		return -1;
	}
	if (fds[1].revents & POLLIN)
		while (read(server->wake[0], drain, sizeof(drain)) > 0)
			;
	for (size_t i = 2; i < n; i++)
		if (fds[i].revents & (POLLIN | POLLHUP | POLLERR))
			read_conn(server, conns[i], buf);
	if (fds[0].revents & POLLIN)
		for (int k = 0; k < 64 && accept_conn(server); k++)
			;
	free(fds);
	free(conns);
	send_pending(server);
	worker_collect(server);
	drop_closing(server);
	return 0;
}

int server_run(struct server *server)
{
	uint8_t *buf = malloc(WIRE_MAX_MESSAGE);

	server->stats = calloc(1, sizeof(*server->stats));
	if (!buf || !server->stats) {
		free(buf);
		free(server->stats);
		return 1;
	}
	while (!server_got_term) {
		if (server_got_hup)
			reload_start(server);
		reload_finish(server);
		if (poll_round(server, buf) != 0) {
			server_log(LOG_CRIT, "poll failed: %s", strerror(errno));
			break;
		}
	}
	free(buf);
	while (server->conns)
		drop_conn(server, server->conns);
	free(server->locks);
	free(server->pending);
	free(server->events);
	free(server->stats);
	return 0;
}
