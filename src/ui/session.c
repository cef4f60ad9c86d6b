/* Talking to sozialraumd: requests, the server's restarts (the message line
 * says so, the screen stays, edit locks are taken again), edit locks and
 * drafts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"

#define UI_PATIENCE_MS 600000 /* a restart by systemd takes seconds */

/* While the server is away: say so, and give up on a hang-up. */
static bool waiting(void *ctx, int waited_ms)
{
	struct ui *ui = ctx;

	if (ui_got_hangup || ui_got_term)
		return false;
	if (!ui->server_away || waited_ms % 5000 == 0) {
		ui->server_away = true;
		ui_error(ui,
		         "Verbindung zum Server unterbrochen – warte seit %d s; Ihre "
		         "Eingaben bleiben erhalten.",
		         waited_ms / 1000);
		ui_draw_message(ui);
		doupdate();
	}
	return true;
}

/* Who this is, as the server says: a configuration of one's own (-c) may
 * change what the screens offer, never what the server gives, and the
 * screens follow the server's word. */
static void take_servers_word(struct ui *ui)
{
	struct cfg_staff *me = &ui->config->staff[ui->staff];

	for (int r = 0; r < ROLE_COUNT; r++)
		if (strcmp(role_names[r], ui->me.role) == 0)
			me->role = (enum role)r;
	snprintf(me->name, sizeof(me->name), "%s", ui->me.name);
	me->team = ui->me.team[0] ? config_find_team(ui->config, ui->me.team) : -1;
	me->provider = ui->me.provider[0] ? config_find_provider(ui->config, ui->me.provider) : -1;
}

enum status ui_session_open(struct ui *ui, const char *socket_path, const char *as_login, char *msg,
                            size_t size)
{
	enum status st = wire_client_open(socket_path, as_login, WIRE_CLIENT_EVENTS, &ui->client,
	                                  &ui->me, msg, size);

	if (st != STATUS_OK)
		return st;
	wire_client_set_patience(ui->client, UI_PATIENCE_MS);
	wire_client_set_waiting(ui->client, waiting, ui);
	ui->staff = config_find_staff(ui->config, ui->me.login);
	if (ui->staff < 0) {
		snprintf(msg, size, "die Anmeldung '%s' fehlt in der Konfiguration %s",
		         ui->me.login, ui->config->path);
		wire_client_close(ui->client);
		ui->client = NULL;
		return STATUS_ERR_DENIED;
	}
	take_servers_word(ui);
	return STATUS_OK;
}

void ui_session_close(struct ui *ui)
{
	wire_client_close(ui->client);
	ui->client = NULL;
}

struct codec_buf *ui_request(struct ui *ui, enum wire_kind kind)
{
	return wire_client_request(ui->client, kind);
}

enum status ui_export(struct ui *ui, const struct wire_export_query *q, FILE *out, char *errtext,
                      size_t size)
{
	return wire_client_export(ui->client, q, out, errtext, size);
}

enum status ui_export_text(struct ui *ui, const char *kind, int year, char **text)
{
	char why[256];
	size_t len = 0;
	FILE *mem = open_memstream(text, &len);
	enum status st;

	if (!mem)
		return STATUS_ERR_NOMEM;
	st = ui_export(ui, &(struct wire_export_query){.kind = kind, .year = year}, mem, why,
	               sizeof(why));
	if (fclose(mem) != 0 && st == STATUS_OK)
		st = STATUS_ERR_NOMEM;
	if (st != STATUS_OK && why[0])
		ui_error(ui, "%s", why);
	return st;
}

static enum status take_lock(struct ui *ui, const char *table, uint64_t id, bool take_over,
                             char *holder, size_t size);

/* Back after a restart: the server forgot our edit locks; take them again
 * (one somebody else took meanwhile is lost: its screen goes read-only)
 * and let the screens know. */
static void back_again(struct ui *ui)
{
	ui->server_away = false;
	ui->reconnects = wire_client_reconnects(ui->client);
	ui_message(ui, "Der Server ist wieder erreichbar; es geht weiter.");
	for (size_t i = 0; i < ui->nlocks;)
		if (take_lock(ui, ui->locks[i].table, ui->locks[i].id, false, NULL, 0) == STATUS_OK)
			i++;
		else
			ui->locks[i] = ui->locks[--ui->nlocks];
	ui->reconnects = wire_client_reconnects(ui->client);
	for (int i = 0; i < ui->depth; i++)
		if (ui->stack[i]->ops->reconnected)
			ui->stack[i]->ops->reconnected(ui->stack[i]);
}

enum status ui_call(struct ui *ui, struct wire_msg *reply, char *errtext, size_t size)
{
	enum status st = wire_client_call(ui->client, reply);

	if (errtext && size)
		errtext[0] = '\0';
	if (st != STATUS_OK && st != STATUS_ERR_UNAVAILABLE && errtext && size &&
	    reply->kind == WIRE_ERROR)
		wire_get_str(reply, WF_TEXT, errtext, size);
	if (wire_client_reconnects(ui->client) != ui->reconnects)
		back_again(ui);
	else if (st == STATUS_ERR_UNAVAILABLE)
		ui_error(ui, "Der Server ist nicht erreichbar. Ihre Eingaben bleiben erhalten; "
		             "bitte später erneut versuchen.");
	return st;
}

void ui_holder_text(const struct wire_msg *reply, char *buf, size_t size)
{
	char name[CONFIG_NAME_SIZE] = "?", when[8] = "";
	uint64_t since = 0;
	time_t t;
	struct tm tm;

	wire_get_str(reply, WF_HOLDER, name, sizeof(name));
	wire_get_u64(reply, WF_SINCE, &since);
	t = (time_t)since;
	strftime(when, sizeof(when), "%H:%M", localtime_r(&t, &tm));
	snprintf(buf, size, "in Bearbeitung durch %s seit %s", name, when);
}

static enum status take_lock(struct ui *ui, const char *table, uint64_t id, bool take_over,
                             char *holder, size_t size)
{
	struct codec_buf *req = ui_request(ui, WIRE_LOCK_TAKE);
	char login[CONFIG_LOGIN_SIZE] = "";
	struct wire_msg reply;
	enum status st;

	codec_put_str(req, WF_TABLE, table);
	codec_put_u64(req, WF_ID, id);
	if (take_over)
		codec_put_u64(req, WF_TAKEOVER, 1);
	st = wire_client_call(ui->client, &reply);
	if (st == STATUS_ERR_LOCKED && holder)
		ui_holder_text(&reply, holder, size);
	if (st == STATUS_ERR_LOCKED &&
	    wire_get_str(&reply, WF_LOGIN, login, sizeof(login)) == STATUS_OK &&
	    strcmp(login, ui->me.login) == 0)
		st = STATUS_ERR_EXISTS; /* this user's other session */
	return st;
}

enum status ui_lock(struct ui *ui, const char *table, uint64_t id, bool take_over, char *holder,
                    size_t size)
{
	enum status st = take_lock(ui, table, id, take_over, holder, size);

	if (wire_client_reconnects(ui->client) != ui->reconnects)
		back_again(ui);
	if (st == STATUS_OK && ui->nlocks < UI_MAX_LOCKS) {
		snprintf(ui->locks[ui->nlocks].table, CONFIG_ID_SIZE, "%s", table);
		ui->locks[ui->nlocks++].id = id;
	}
	return st;
}

void ui_forget_lock(struct ui *ui, const char *table, uint64_t id)
{
	for (size_t i = 0; i < ui->nlocks; i++)
		if (ui->locks[i].id == id && strcmp(ui->locks[i].table, table) == 0) {
			ui->locks[i] = ui->locks[--ui->nlocks];
			return;
		}
}

bool ui_holds_lock(const struct ui *ui, const char *table, uint64_t id)
{
	for (size_t i = 0; i < ui->nlocks; i++)
		if (ui->locks[i].id == id && strcmp(ui->locks[i].table, table) == 0)
			return true;
	return false;
}

void ui_unlock(struct ui *ui, const char *table, uint64_t id)
{
	struct codec_buf *req;
	struct wire_msg reply;

	ui_forget_lock(ui, table, id);
	req = ui_request(ui, WIRE_LOCK_RELEASE);
	codec_put_str(req, WF_TABLE, table);
	codec_put_u64(req, WF_ID, id);
	ui_call(ui, &reply, NULL, 0);
}

/* Events that came while the program waited for answers or that wait on
 * the socket go to the screens; a connection the server closed is tried
 * again, once each time this runs. */
void ui_session_events(struct ui *ui)
{
	struct wire_event ev;

	if (wire_client_fd(ui->client) < 0 && wire_client_try_reconnect(ui->client))
		back_again(ui);
	if (wire_client_pump(ui->client) != STATUS_OK && !ui->server_away) {
		ui->server_away = true;
		ui_error(ui,
		         "Verbindung zum Server unterbrochen – Ihre Eingaben bleiben erhalten.");
	}
	while (wire_client_next_event(ui->client, &ev))
		for (int i = 0; i < ui->depth; i++)
			if (ui->stack[i]->ops->event)
				ui->stack[i]->ops->event(ui->stack[i], &ev);
}

enum status ui_record_get(struct ui *ui, const struct record_def *def, uint64_t id, void *rec,
                          char *holder, size_t size)
{
	struct codec_buf *req = ui_request(ui, WIRE_RECORD_GET);
	struct wire_msg reply;
	char name[CONFIG_NAME_SIZE];
	enum status st;

	codec_put_str(req, WF_TABLE, def->table);
	codec_put_u64(req, WF_ID, id);
	if (holder && size)
		holder[0] = '\0';
	if ((st = ui_call(ui, &reply, NULL, 0)) != STATUS_OK)
		return st;
	if (holder && wire_get_str(&reply, WF_HOLDER, name, sizeof(name)) == STATUS_OK)
		ui_holder_text(&reply, holder, size);
	if (holder && wire_get_str(&reply, WF_LOGIN, name, sizeof(name)) == STATUS_OK &&
	    strcmp(name, ui->me.login) == 0)
		snprintf(holder, size,
		         "Sie bearbeiten es in einer anderen Sitzung (Tippen oder F3 "
		         "übernimmt)");
	return wire_get_record(&reply, def, rec);
}

enum status ui_record_save(struct ui *ui, const struct record_def *def, void *rec, char *errtext,
                           size_t size)
{
	struct codec_buf enc, *req;
	struct wire_msg reply;
	enum status st;

	codec_buf_init(&enc);
	st = record_encode(def, rec, &enc);
	if (st == STATUS_OK) {
		req = ui_request(ui, WIRE_RECORD_SAVE);
		codec_put_str(req, WF_TABLE, def->table);
		codec_put_bytes(req, WF_RECORD, enc.data, enc.len);
		st = ui_call(ui, &reply, errtext, size);
	}
	codec_buf_free(&enc);
	if (st == STATUS_OK)
		st = wire_get_record(&reply, def, rec);
	else if (st == STATUS_ERR_LOCKED && errtext)
		ui_holder_text(&reply, errtext, size); /* who has it, since when */
	return st;
}

struct codec_buf *ui_record_list(struct ui *ui, const struct record_def *def)
{
	struct codec_buf *req = ui_request(ui, WIRE_RECORD_LIST);

	codec_put_str(req, WF_TABLE, def->table);
	return req;
}

struct page_add {
	const struct record_def *def;
	void *rec;
	void (*add)(void *ctx, const void *rec);
	void *ctx;
};

static enum status page_add(void *ctx, const struct codec_field *f)
{
	struct page_add *p = ctx;

	if (record_decode(p->def, f->data, f->len, p->rec) != STATUS_OK)
		return STATUS_ERR_PROTOCOL;
	p->add(p->ctx, p->rec);
	return STATUS_OK;
}

void ui_page_positions(const struct wire_msg *reply, struct ui_page_pos *first,
                       struct ui_page_pos *last)
{
	if (first && wire_get_bytes(reply, WF_FIRST, first->after, sizeof(first->after),
	                            &first->len) != STATUS_OK)
		first->len = 0;
	if (wire_get_bytes(reply, WF_AFTER, last->after, sizeof(last->after), &last->len) !=
	    STATUS_OK)
		last->len = 0;
}

enum status ui_record_page(struct ui *ui, struct codec_buf *req, const struct record_def *def,
                           struct ui_page_pos *pos, struct ui_page_pos *first,
                           void (*add)(void *ctx, const void *rec), void *ctx, bool *more)
{
	struct page_add p = {.def = def, .add = add, .ctx = ctx};
	struct wire_msg reply;
	enum status st;

	*more = false;
	if (pos->len)
		codec_put_bytes(req, WF_AFTER, pos->after, pos->len);
	if ((st = ui_call(ui, &reply, NULL, 0)) != STATUS_OK)
		return st;
	if (!(p.rec = malloc(def->size)))
		return STATUS_ERR_NOMEM;
	st = wire_each(&reply, WF_RECORD, page_add, &p);
	free(p.rec);
	ui_page_positions(&reply, first, pos);
	*more = pos->len > 0;
	return st;
}

int64_t ui_record_count(struct ui *ui, const struct record_def *def, const char *index,
                        const char *key, const char *filter, bool *more)
{
	struct codec_buf *req = ui_record_list(ui, def);
	struct ui_page_pos end;
	struct wire_msg reply;
	uint8_t buf[INDEX_KEY_MAX];
	uint64_t n;
	int len = key ? index_put_text(buf, sizeof(buf), key) : 0;

	codec_put_str(req, WF_INDEX, index);
	if (len > 0)
		codec_put_bytes(req, WF_KEY, buf, (size_t)len);
	if (filter)
		codec_put_str(req, WF_FILTER, filter);
	codec_put_u64(req, WF_COUNT, 1);
	if (ui_call(ui, &reply, NULL, 0) != STATUS_OK ||
	    wire_get_u64(&reply, WF_COUNT, &n) != STATUS_OK)
		return -1;
	ui_page_positions(&reply, NULL, &end);
	*more = end.len > 0;
	return n > INT64_MAX ? -1 : (int64_t)n;
}

enum status ui_draft_put(struct ui *ui, struct draft *draft)
{
	struct codec_buf enc;
	struct wire_msg reply;
	enum status st;

	snprintf(draft->login, sizeof(draft->login), "%s", ui->me.login);
	codec_buf_init(&enc);
	st = record_encode(&draft_def, draft, &enc);
	if (st == STATUS_OK) {
		codec_put_bytes(ui_request(ui, WIRE_DRAFT_PUT), WF_RECORD, enc.data, enc.len);
		st = ui_call(ui, &reply, NULL, 0);
	}
	if (st == STATUS_OK)
		wire_get_u64(&reply, WF_ID, &draft->head.id);
	codec_buf_free(&enc);
	return st;
}

enum status ui_draft_delete(struct ui *ui, uint64_t id)
{
	struct wire_msg reply;

	codec_put_u64(ui_request(ui, WIRE_DRAFT_DELETE), WF_ID, id);
	return ui_call(ui, &reply, NULL, 0);
}
