/* Events: what the sessions hear of saves (the dashboards and lists that
 * follow them) and of their own edit locks. A save's event is queued in
 * its round and sent after the round's sync, to the sessions that may
 * list the record; never so many that a session's buffer fills. */
#include <linux/sockios.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>

#include "model/rights.h"
#include "server.h"

#define EVENT_BACKLOG (WIRE_MAX_MESSAGE / 2) /* bytes of a session's unread events */

/* (server.h) An event to the sessions that may list the record, but the writer's
 * own (it knows what it saved) unless TO_WRITER: a change it did not make
 * itself (the case its assessment settled). */
void events_queue(struct server *server, const struct conn *conn, const struct record_def *def,
                  const struct record_head *head, void *scope_copy, bool to_writer)
{
	struct event *ev;

	if (server->nevents == server->events_cap) {
		size_t cap = server->events_cap ? server->events_cap * 2 : 16;

		ev = realloc(server->events, cap * sizeof(*ev));
		if (!ev) {
			free(scope_copy);
			return; /* the sessions see it when they next look */
		}
		server->events = ev;
		server->events_cap = cap;
	}
	ev = &server->events[server->nevents++];
	*ev = (struct event){.def = def,
	                     .id = head->id,
	                     .origin = to_writer ? 0 : conn->number,
	                     .scope_rec = scope_copy};
	snprintf(ev->login, sizeof(ev->login), "%s", conn->login);
}

static void event_begin(struct codec_buf *buf, const struct record_def *def, uint64_t id,
                        const char *login, const char *kind)
{
	wire_begin(buf, WIRE_EVENT, 0);
	codec_put_str(buf, WF_TABLE, def->table);
	codec_put_u64(buf, WF_ID, id);
	codec_put_str(buf, WF_LOGIN, login);
	codec_put_str(buf, WF_KIND, kind);
}

void events_send_to(struct server *server, uint64_t conn, const struct record_def *def, uint64_t id,
                    const char *login, const char *kind)
{
	struct codec_buf buf;

	codec_buf_init(&buf);
	event_begin(&buf, def, id, login, kind);
	server_send_to(server, conn, &buf);
	codec_buf_free(&buf);
}

void events_send(struct server *server)
{
	struct codec_buf buf;

	codec_buf_init(&buf);
	for (size_t i = 0; i < server->nevents; i++) {
		struct event *ev = &server->events[i];

		event_begin(&buf, ev->def, ev->id, ev->login, "saved");
		for (struct conn *c = server->conns; c; c = c->next) {
			const struct cfg_staff *who = server_staff(server, c);
			int queued = 0;

			if (!c->events || !who || c->closing || c->number == ev->origin ||
			    !rights_allow(server->config, who, ev->def, VERB_LIST, ev->scope_rec))
				continue;
			/* Events never fill a session's buffer: the answer to its next
			 * request must still fit. One that has unread events enough
			 * misses this one and sees the change when it next looks. */
			if (ioctl(c->fd, SIOCOUTQ, &queued) == 0 && queued > EVENT_BACKLOG)
				continue;
			wire_send(c->fd, &buf);
		}
		free(ev->scope_rec);
	}
	server->nevents = 0;
	codec_buf_free(&buf);
}
