/* The client end (see client.h). Blocking calls: the terminal program asks
 * and waits, and an interactive answer takes well under a millisecond. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "wire/client.h"

#define RETRY_STEP_MS 100
#define TRY_HELLO_S   2 /* one attempt to reconnect waits this long for the answer */

struct wire_client {
	int fd;
	char socket_path[PATH_MAX];
	char as_login[CONFIG_LOGIN_SIZE];
	int patience_ms;
	uint64_t next_request;
	unsigned reconnects;
	wire_wait_fn *wait_fn;
	void *wait_ctx;
	unsigned flags;
	struct wire_event events[WIRE_EVENTS_KEPT];
	size_t first_event, nevents;
	struct codec_buf out;
	uint8_t in[WIRE_MAX_MESSAGE];
};

static void sleep_ms(int ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};

	nanosleep(&ts, NULL);
}

static int connect_socket(const char *path)
{
	struct sockaddr_un addr = {.sun_family = AF_UNIX};
	int fd;

	if (strlen(path) >= sizeof(addr.sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(addr.sun_path, path);
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (fd >= 0 && connect(fd, (struct sockaddr *)&addr, sizeof(addr)) != 0) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/* Keeps an event (request id 0) for wire_client_next_event. */
static void keep_event(struct wire_client *client, const struct wire_msg *msg)
{
	struct wire_event ev = {0};

	if (msg->kind != WIRE_EVENT ||
	    wire_get_str(msg, WF_TABLE, ev.table, sizeof(ev.table)) != STATUS_OK ||
	    wire_get_u64(msg, WF_ID, &ev.id) != STATUS_OK)
		return;
	wire_get_str(msg, WF_LOGIN, ev.login, sizeof(ev.login));
	wire_get_str(msg, WF_KIND, ev.kind, sizeof(ev.kind));
	if (client->nevents == WIRE_EVENTS_KEPT) {
		client->first_event = (client->first_event + 1) % WIRE_EVENTS_KEPT;
		client->nevents--;
	}
	client->events[(client->first_event + client->nevents++) % WIRE_EVENTS_KEPT] = ev;
}

bool wire_client_next_event(struct wire_client *client, struct wire_event *out)
{
	if (client->nevents == 0)
		return false;
	*out = client->events[client->first_event];
	client->first_event = (client->first_event + 1) % WIRE_EVENTS_KEPT;
	client->nevents--;
	return true;
}

/* Waits for the answer to REQUEST; events are kept, other messages
 * dropped. */
static enum status receive(struct wire_client *client, uint64_t request, struct wire_msg *reply)
{
	for (;;) {
		size_t len;
		enum status st = wire_recv(client->fd, client->in, &len);

		if (st != STATUS_OK)
			return st;
		if (wire_parse(client->in, len, reply) != STATUS_OK)
			return STATUS_ERR_PROTOCOL;
		if (reply->request == request)
			return STATUS_OK;
		if (reply->request == 0)
			keep_event(client, reply);
	}
}

enum status wire_client_pump(struct wire_client *client)
{
	struct wire_msg msg;
	ssize_t n;

	while (client->fd >= 0) {
		n = recv(client->fd, client->in, sizeof(client->in), MSG_DONTWAIT);
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
			return STATUS_OK;
		if (n <= 0) {
			close(client->fd);
			client->fd = -1;
			break;
		}
		if (wire_parse(client->in, (size_t)n, &msg) == STATUS_OK && msg.request == 0)
			keep_event(client, &msg);
	}
	return STATUS_ERR_UNAVAILABLE;
}

static enum status error_status(const struct wire_msg *reply)
{
	uint64_t code = STATUS_ERR_INTERNAL;

	wire_get_u64(reply, WF_STATUS, &code);
	return code > STATUS_OK && code < STATUS_COUNT ? (enum status)code : STATUS_ERR_INTERNAL;
}

/* HELLO and its answer; a refusal's text (the server's word on why) goes
 * into WHY when it is not NULL. */
static enum status hello(struct wire_client *client, struct wire_welcome *welcome, char *why,
                         size_t why_size)
{
	struct codec_buf buf;
	struct wire_msg reply;
	uint64_t request = client->next_request++;
	enum status st;

	codec_buf_init(&buf);
	wire_begin(&buf, WIRE_HELLO, request);
	codec_put_u64(&buf, WF_VERSION, WIRE_VERSION);
	if (client->flags & WIRE_CLIENT_EVENTS)
		codec_put_u64(&buf, WF_EVENTS, 1);
	if (client->as_login[0])
		codec_put_str(&buf, WF_LOGIN, client->as_login);
	st = wire_send(client->fd, &buf);
	codec_buf_free(&buf);
	if (st == STATUS_OK)
		st = receive(client, request, &reply);
	if (st == STATUS_OK && reply.kind == WIRE_ERROR) {
		if (why && wire_get_str(&reply, WF_TEXT, why, why_size) != STATUS_OK)
			why[0] = '\0';
		return error_status(&reply);
	}
	if (st == STATUS_OK && reply.kind != WIRE_WELCOME)
		return STATUS_ERR_PROTOCOL;
	if (st == STATUS_OK && welcome) {
		memset(welcome, 0, sizeof(*welcome));
		wire_get_str(&reply, WF_LOGIN, welcome->login, sizeof(welcome->login));
		wire_get_str(&reply, WF_NAME, welcome->name, sizeof(welcome->name));
		wire_get_str(&reply, WF_ROLE, welcome->role, sizeof(welcome->role));
		wire_get_str(&reply, WF_TEAM, welcome->team, sizeof(welcome->team));
		wire_get_str(&reply, WF_PROVIDER, welcome->provider, sizeof(welcome->provider));
	}
	return st;
}

static uint64_t first_request_id(void)
{
	uint64_t id = 0;

	/* Unique across sessions of one login: the server remembers the ids
	 * of recent saves per login to apply a resent save only once. */
	if (getrandom(&id, sizeof(id), 0) != sizeof(id))
		id = (uint64_t)time(NULL) << 32 ^ (uint64_t)getpid() << 16;
	return (id & ~(uint64_t)0xffffffff) | 1;
}

enum status wire_client_open(const char *socket_path, const char *as_login, unsigned flags,
                             struct wire_client **out, struct wire_welcome *welcome, char *msg,
                             size_t size)
{
	struct wire_client *client = calloc(1, sizeof(*client));
	enum status st;

	*out = NULL;
	if (size)
		msg[0] = '\0';
	if (!client)
		return STATUS_ERR_NOMEM;
	snprintf(client->socket_path, sizeof(client->socket_path), "%s", socket_path);
	snprintf(client->as_login, sizeof(client->as_login), "%s", as_login ? as_login : "");
	client->patience_ms = 30000;
	client->flags = flags;
	client->next_request = first_request_id();
	codec_buf_init(&client->out);
	client->fd = connect_socket(socket_path);
	if (client->fd < 0) {
		snprintf(msg, size,
		         "the data server is not running (%s: %s): start it with 'systemctl "
		         "start sozialraumd'",
		         socket_path, strerror(errno));
		wire_client_close(client);
		return STATUS_ERR_UNAVAILABLE;
	}
	st = hello(client, welcome, msg, size);
	if (st != STATUS_OK) {
		if (st != STATUS_ERR_DENIED || !msg[0])
			snprintf(msg, size, "the data server refused the connection: %s",
			         status_text(st));
		wire_client_close(client);
		return st;
	}
	*out = client;
	return STATUS_OK;
}

void wire_client_close(struct wire_client *client)
{
	if (!client)
		return;
	if (client->fd >= 0)
		close(client->fd);
	codec_buf_free(&client->out);
	free(client);
}

void wire_client_set_patience(struct wire_client *client, int ms)
{
	client->patience_ms = ms;
}

void wire_client_set_waiting(struct wire_client *client, wire_wait_fn *fn, void *ctx)
{
	client->wait_fn = fn;
	client->wait_ctx = ctx;
}

unsigned wire_client_reconnects(const struct wire_client *client)
{
	return client->reconnects;
}

struct codec_buf *wire_client_request(struct wire_client *client, enum wire_kind kind)
{
	wire_begin(&client->out, kind, client->next_request++);
	return &client->out;
}

bool wire_client_try_reconnect(struct wire_client *client)
{
	if (client->fd >= 0)
		return true;
	struct timeval limit = {TRY_HELLO_S, 0}, none = {0, 0};

	client->fd = connect_socket(client->socket_path);
	/* A server still recovering may accept and not answer yet: the
	 * terminal program does not wait for it here. */
	if (client->fd >= 0 &&
	    setsockopt(client->fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof(limit)) == 0 &&
	    hello(client, NULL, NULL, 0) == STATUS_OK &&
	    setsockopt(client->fd, SOL_SOCKET, SO_RCVTIMEO, &none, sizeof(none)) == 0) {
		client->reconnects++;
		return true;
	}
	if (client->fd >= 0)
		close(client->fd);
	client->fd = -1;
	return false;
}

/* Connects again and says hello, trying until the patience runs out. */
static enum status reconnect(struct wire_client *client)
{
	for (int waited = 0; waited <= client->patience_ms; waited += RETRY_STEP_MS) {
		if (client->wait_fn && !client->wait_fn(client->wait_ctx, waited))
			break;
		if (client->fd >= 0)
			close(client->fd);
		client->fd = connect_socket(client->socket_path);
		if (client->fd >= 0 && hello(client, NULL, NULL, 0) == STATUS_OK) {
			client->reconnects++;
			return STATUS_OK;
		}
		sleep_ms(RETRY_STEP_MS);
	}
	return STATUS_ERR_UNAVAILABLE;
}

enum status wire_client_call(struct wire_client *client, struct wire_msg *reply)
{
	struct wire_msg sent;
	enum status st;

	*reply = (struct wire_msg){0}; /* no answer came: nothing to read in it */
	if (wire_parse(client->out.data, client->out.len, &sent) != STATUS_OK)
		return STATUS_ERR_PROTOCOL;
	for (;;) {
		st = client->fd >= 0 ? wire_send(client->fd, &client->out) : STATUS_ERR_UNAVAILABLE;
		if (st == STATUS_OK)
			st = receive(client, sent.request, reply);
		if (st != STATUS_ERR_UNAVAILABLE || client->patience_ms <= 0)
			break;
		/* The server went away: same request, same id, once it is back. */
		if ((st = reconnect(client)) != STATUS_OK)
			break;
	}
	if (st == STATUS_OK && reply->kind == WIRE_ERROR)
		return error_status(reply);
	return st;
}

int wire_client_fd(const struct wire_client *client)
{
	return client->fd;
}

enum status wire_client_export(struct wire_client *client, const struct wire_export_query *q,
                               FILE *out, char *text, size_t size)
{
	struct codec_buf *req = wire_client_request(client, WIRE_EXPORT);
	struct wire_msg reply = {0};
	uint64_t more = 0;
	enum status st;

	text[0] = '\0';
	codec_put_str(req, WF_KIND, q->kind);
	if (q->year)
		codec_put_u64(req, WF_YEAR, (uint64_t)q->year);
	if (q->district)
		codec_put_str(req, WF_DISTRICT, q->district);
	if (q->parent)
		codec_put_u64(req, WF_PARENT, q->parent);
	for (st = wire_client_call(client, &reply); st == STATUS_OK;
	     st = wire_client_call(client, &reply)) {
		struct codec_reader reader;
		struct codec_field f;

		codec_open(&reader, reply.data, reply.len);
		while (codec_next(&reader, &f) == STATUS_OK)
			if (f.tag == WF_DATA && fwrite(f.data, 1, f.len, out) != f.len) {
				snprintf(text, size, "the export could not be written");
				return STATUS_ERR_IO;
			}
		more = 0;
		wire_get_u64(&reply, WF_OFFSET, &more);
		if (!more && fflush(out) != 0)
			snprintf(text, size, "the export could not be written");
		if (!more)
			return text[0] ? STATUS_ERR_IO : STATUS_OK;
		codec_put_u64(wire_client_request(client, WIRE_EXPORT_NEXT), WF_OFFSET, more);
	}
	if (reply.len)
		wire_get_str(&reply, WF_TEXT, text, size);
	return st;
}
