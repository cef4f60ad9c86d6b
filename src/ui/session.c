/* Talking to sozialraumd: requests, the server's restarts (the message line
 * says so, the screen stays, edit locks are taken again), edit locks and
 * drafts. */
#include <stdio.h>
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

enum status ui_session_open(struct ui *ui, const char *socket_path, const char *as_login, char *msg,
                            size_t size)
{
	enum status st = wire_client_open(socket_path, as_login, &ui->client, &ui->me, msg, size);

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

static enum status take_lock(struct ui *ui, const char *table, uint64_t id, char *holder,
                             size_t size);

/* Back after a restart: the server forgot our edit locks; take them again
 * (one somebody else took meanwhile is lost: its screen goes read-only)
 * and let the screens know. */
static void back_again(struct ui *ui)
{
	ui->server_away = false;
	ui->reconnects = wire_client_reconnects(ui->client);
	ui_message(ui, "Der Server ist wieder erreichbar; es geht weiter.");
	for (size_t i = 0; i < ui->nlocks;)
		if (take_lock(ui, ui->locks[i].table, ui->locks[i].id, NULL, 0) == STATUS_OK)
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

static enum status take_lock(struct ui *ui, const char *table, uint64_t id, char *holder,
                             size_t size)
{
	struct codec_buf *req = ui_request(ui, WIRE_LOCK_TAKE);
	struct wire_msg reply;
	enum status st;

	codec_put_str(req, WF_TABLE, table);
	codec_put_u64(req, WF_ID, id);
	st = wire_client_call(ui->client, &reply);
	if (st == STATUS_ERR_LOCKED && holder)
		ui_holder_text(&reply, holder, size);
	return st;
}

enum status ui_lock(struct ui *ui, const char *table, uint64_t id, char *holder, size_t size)
{
	enum status st = take_lock(ui, table, id, holder, size);

	if (wire_client_reconnects(ui->client) != ui->reconnects)
		back_again(ui);
	if (st == STATUS_OK && ui->nlocks < UI_MAX_LOCKS) {
		snprintf(ui->locks[ui->nlocks].table, CONFIG_ID_SIZE, "%s", table);
		ui->locks[ui->nlocks++].id = id;
	}
	return st;
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

	for (size_t i = 0; i < ui->nlocks; i++)
		if (ui->locks[i].id == id && strcmp(ui->locks[i].table, table) == 0) {
			ui->locks[i] = ui->locks[--ui->nlocks];
			break;
		}
	req = ui_request(ui, WIRE_LOCK_RELEASE);
	codec_put_str(req, WF_TABLE, table);
	codec_put_u64(req, WF_ID, id);
	ui_call(ui, &reply, NULL, 0);
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
