/* The client end: a connection to sozialraumd that says hello, sends
 * requests with fresh request ids, and reconnects by itself when the server
 * restarts: a request whose answer was lost is sent again with the same id,
 * and the server applies it exactly once. */
#ifndef WIRE_CLIENT_H
#define WIRE_CLIENT_H

#include <stdio.h>

#include "model/config.h"
#include "wire/wire.h"

struct wire_client; /* opaque */

struct wire_welcome {
	char login[CONFIG_LOGIN_SIZE];
	char name[CONFIG_NAME_SIZE];
	char role[CONFIG_ID_SIZE];
	char team[CONFIG_ID_SIZE];
	char provider[CONFIG_ID_SIZE];
};

/* Connects to SOCKET_PATH as the caller's own Unix user, or as AS_LOGIN
 * (honoured only for root and the server's account; may be NULL). FLAGS:
 * WIRE_CLIENT_EVENTS asks the server for events (an open screen updates
 * itself). On failure MSG says what happened in one sentence (English). */
enum { WIRE_CLIENT_EVENTS = 1 << 0 };
enum status wire_client_open(const char *socket_path, const char *as_login, unsigned flags,
                             struct wire_client **out, struct wire_welcome *welcome, char *msg,
                             size_t size);
void wire_client_close(struct wire_client *client);

/* How long a call keeps trying to reach a restarting server (ms, default
 * 30000); 0 means do not reconnect. */
void wire_client_set_patience(struct wire_client *client, int ms);

/* Called before each attempt to reach a restarting server, with the time
 * waited so far (ms): the terminal program says so on its status line.
 * Returning false gives up (a hang-up while waiting). */
typedef bool wire_wait_fn(void *ctx, int waited_ms);
void wire_client_set_waiting(struct wire_client *client, wire_wait_fn *fn, void *ctx);

/* Starts a request in the client's buffer and returns it for the fields. */
struct codec_buf *wire_client_request(struct wire_client *client, enum wire_kind kind);

/* Sends the request built with wire_client_request and waits for its
 * answer. On STATUS_OK *REPLY is valid until the next call. An ERROR answer
 * gives its status (the reply is then the ERROR message); when no answer
 * came (the server gone for good), *REPLY is empty. */
enum status wire_client_call(struct wire_client *client, struct wire_msg *reply);

/* What an export asks for: KIND (an export's name, or the table of a
 * record type: its list), of YEAR when not 0, of DISTRICT when not NULL,
 * the children of record PARENT when not 0. */
struct wire_export_query {
	const char *kind;
	int year;
	const char *district;
	uint64_t parent;
};

/* A whole export as this client's user gets it, fetched piece by piece
 * into OUT. On an error answer TEXT says the server's word (empty when it
 * said none). */
enum status wire_client_export(struct wire_client *client, const struct wire_export_query *q,
                               FILE *out, char *text, size_t size);

/* The socket, for poll() or for tests that talk raw on it; -1 when not
 * connected. */
int wire_client_fd(const struct wire_client *client);

/* Times the client reconnected so far. */
unsigned wire_client_reconnects(const struct wire_client *client);

/* Something that happened on the server that this session did not ask
 * about: a record somebody else saved. Events that arrive while a call
 * waits for its answer are kept (the oldest dropped beyond
 * WIRE_EVENTS_KEPT); wire_client_pump reads those that wait on the socket
 * without blocking. */
#define WIRE_EVENTS_KEPT 32
struct wire_event {
	char table[CONFIG_ID_SIZE];
	uint64_t id;
	char login[CONFIG_LOGIN_SIZE];
	char kind[16];
};
/* STATUS_ERR_UNAVAILABLE when the server closed the connection (the
 * socket is closed then; the next call or wire_client_try_reconnect
 * connects again). */
enum status wire_client_pump(struct wire_client *client);
bool wire_client_next_event(struct wire_client *client, struct wire_event *out);
/* One attempt to connect again when the connection is gone: true when it
 * is there (again). */
bool wire_client_try_reconnect(struct wire_client *client);

#endif
