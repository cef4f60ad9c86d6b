/* The online commands: they go through the data server, which decides
 * whether the caller (by the kernel's word on its uid) may use them. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "admin_private.h"
#include "model/audit.h"
#include "model/date.h"
#include "model/server_status.h"
#include "model/text.h"
#include "wire/client.h"

#define MSG_SIZE 1024

/* A connection to the server; QUIET leaves unsaid only that no server
 * runs (*DOWN), never that it refused the caller. */
static struct wire_client *connect_quietly(struct admin *admin, bool quiet, bool *down)
{
	char path[PATH_MAX + 32], msg[MSG_SIZE];
	struct wire_client *client;
	enum status st;

	if (admin->dir_given)
		snprintf(path, sizeof(path), "%s/%s", admin->data_dir, WIRE_SOCKET_NAME);
	else
		snprintf(path, sizeof(path), "%s", admin->config->socket_path);
	st = wire_client_open(path, NULL, 0, &client, NULL, msg, sizeof(msg));
	if (down)
		*down = st == STATUS_ERR_UNAVAILABLE;
	if (st != STATUS_OK) {
		if (!quiet || st != STATUS_ERR_UNAVAILABLE)
			admin_error("%s", msg);
		return NULL;
	}
	wire_client_set_patience(client, 0);
	return client;
}

struct wire_client *admin_connect(struct admin *admin)
{
	return connect_quietly(admin, false, NULL);
}

/* Runs the request built in the client; prints the server's word on error. */
int admin_call(struct wire_client *client, struct wire_msg *reply)
{
	char text[WIRE_MAX_MESSAGE];
	enum status st = wire_client_call(client, reply);

	if (st == STATUS_OK)
		return ADMIN_OK;
	if (reply && wire_get_str(reply, WF_TEXT, text, sizeof(text)) == STATUS_OK && text[0])
		admin_error("%s: %s", status_text(st), text);
	else
		admin_error("%s", status_text(st));
	return ADMIN_FINDING;
}

/* TEXT padded to WIDTH display columns, and a blank. */
static void print_padded(const char *text, int width)
{
	admin_put_padded(stdout, text, width, false);
	putchar(' ');
}

static void format_time(uint64_t t, char *buf, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	strftime(buf, size, "%d.%m.%Y %H:%M", localtime_r(&tt, &tm));
}

static enum status print_lock(struct codec_reader *reader)
{
	struct codec_field f;
	uint64_t number = 0, record = 0, since = 0;
	char table[32] = "", login[64] = "", name[128] = "", when[32];

	while (codec_next(reader, &f) == STATUS_OK) {
		if (f.tag == WF_LOCK)
			codec_get_u64(&f, &number);
		else if (f.tag == WF_TABLE)
			codec_get_str(&f, table, sizeof(table));
		else if (f.tag == WF_ID)
			codec_get_u64(&f, &record);
		else if (f.tag == WF_LOGIN)
			codec_get_str(&f, login, sizeof(login));
		else if (f.tag == WF_HOLDER)
			codec_get_str(&f, name, sizeof(name));
		else if (f.tag == WF_SINCE) {
			codec_get_u64(&f, &since);
			break; /* the last field of a lock */
		}
	}
	if (!number)
		return STATUS_ERR_NOT_FOUND;
	format_time(since, when, sizeof(when));
	printf("%-6" PRIu64 " %-12s %-8" PRIu64 " ", number, table, record);
	print_padded(login, 12);
	print_padded(name, 24);
	printf("%s (%" PRIu64 " min)\n", when, ((uint64_t)time(NULL) - since) / 60);
	return STATUS_OK;
}

int admin_locks(struct admin *admin, int argc, char **argv)
{
	struct wire_client *client = admin_connect(admin);
	struct wire_msg reply;
	struct codec_reader reader;
	int ret, n = 0;

	(void)argc;
	(void)argv;
	if (!client)
		return ADMIN_FINDING;
	wire_client_request(client, WIRE_LOCKS_LIST);
	ret = admin_call(client, &reply);
	if (ret == ADMIN_OK) {
		codec_open(&reader, reply.data, reply.len);
		printf("%-6s %-12s %-8s %-12s %-24s %s\n", "LOCK", "TABLE", "RECORD", "LOGIN",
		       "NAME", "SINCE");
		while (print_lock(&reader) == STATUS_OK)
			n++;
		printf("%d edit lock%s\n", n, n == 1 ? "" : "s");
	}
	wire_client_close(client);
	return ret;
}

int admin_unlock(struct admin *admin, int argc, char **argv)
{
	struct wire_client *client;
	struct wire_msg reply;
	char *end;
	unsigned long long number = strtoull(argv[0], &end, 10);
	int ret;

	(void)argc;
	if (*end || !number) {
		admin_error("usage: sozialraum-admin unlock ID (a number from 'locks')");
		return ADMIN_USAGE;
	}
	if (!(client = admin_connect(admin)))
		return ADMIN_FINDING;
	codec_put_u64(wire_client_request(client, WIRE_UNLOCK), WF_LOCK, number);
	ret = admin_call(client, &reply);
	if (ret == ADMIN_OK)
		printf("edit lock %llu released\n", number);
	wire_client_close(client);
	return ret;
}

/* The hot backup through the server, into a new folder of the configured
 * backup directory that the server names; with DIR, root's offline backup
 * into DIR while no server runs. */
int admin_backup(struct admin *admin, int argc, char **argv)
{
	struct wire_client *client;
	struct wire_msg reply;
	char path[PATH_MAX] = "";
	int ret;

	if (argc == 1)
		return admin_backup_offline(admin, argv[0]);
	if (!(client = admin_connect(admin)))
		return ADMIN_FINDING;
	wire_client_request(client, WIRE_BACKUP);
	ret = admin_call(client, &reply);
	if (ret == ADMIN_OK) {
		wire_get_str(&reply, WF_TEXT, path, sizeof(path));
		printf("backup written to %s\n", path);
	}
	wire_client_close(client);
	return ret;
}

int admin_verify_online(struct admin *admin)
{
	bool down = false;
	struct wire_client *client = connect_quietly(admin, true, &down);
	struct wire_msg reply;
	int ret;

	if (!client)
		return down ? -1 : ADMIN_FINDING; /* refused: said why */
	wire_client_request(client, WIRE_VERIFY);
	printf("verify: the server is running; checking through it (records only)\n");
	ret = admin_call(client, &reply);
	if (ret == ADMIN_OK)
		printf("verify: %s is consistent\n", admin->data_dir);
	wire_client_close(client);
	return ret;
}

struct audit_print {
	uint8_t after[WIRE_POSITION_MAX]; /* where the next page starts */
	size_t after_len;
	unsigned count;
};

static enum status print_entry(void *ctx, const struct codec_field *field)
{
	struct audit_print *p = ctx;
	struct audit_entry e;
	char when[32], detail[AUDIT_DETAIL_SIZE];
	time_t t;
	struct tm tm;

	if (field->type != CODEC_BYTES ||
	    record_decode(&audit_def, field->data, field->len, &e) != STATUS_OK)
		return STATUS_ERR_PROTOCOL;
	t = (time_t)e.time;
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
	text_neutralise(e.detail, false, detail, sizeof(detail));
	printf("%-8" PRIu64 " %s ", e.head.id, when);
	print_padded(e.login, 12);
	printf("%-8s %-12s %-8" PRIu64 " %s\n", e.action, e.table, e.record, detail);
	p->count++;
	return STATUS_OK;
}

static int parse_audit_args(int argc, char **argv, struct codec_buf *req)
{
	for (int i = 0; i < argc; i += 2) {
		int32_t date;

		if (i + 1 >= argc)
			return ADMIN_USAGE;
		if (strcmp(argv[i], "--user") == 0)
			codec_put_str(req, WF_USER, argv[i + 1]);
		else if (strcmp(argv[i], "--case") == 0)
			codec_put_u64(req, WF_ID, strtoull(argv[i + 1], NULL, 10));
		else if (strcmp(argv[i], "--since") == 0 &&
		         date_parse(argv[i + 1], &date) == STATUS_OK)
			codec_put_u64(req, WF_DATE, (uint64_t)date);
		else
			return ADMIN_USAGE;
	}
	return ADMIN_OK;
}

int admin_audit(struct admin *admin, int argc, char **argv)
{
	struct wire_client *client = admin_connect(admin);
	struct audit_print p = {0};
	struct wire_msg reply;
	int ret = ADMIN_OK;

	if (!client)
		return ADMIN_FINDING;
	do {
		struct codec_buf *req = wire_client_request(client, WIRE_AUDIT_QUERY);

		if (parse_audit_args(argc, argv, req) != ADMIN_OK) {
			admin_error("usage: sozialraum-admin audit [--user L] [--case N] "
			            "[--since DATE]");
			ret = ADMIN_USAGE;
			break;
		}
		if (p.after_len)
			codec_put_bytes(req, WF_AFTER, p.after, p.after_len);
		if ((ret = admin_call(client, &reply)) != ADMIN_OK)
			break;
		wire_each(&reply, WF_RECORD, print_entry, &p);
		if (wire_get_bytes(&reply, WF_AFTER, p.after, sizeof(p.after), &p.after_len) !=
		    STATUS_OK)
			p.after_len = 0;
	} while (p.after_len);
	if (ret == ADMIN_OK)
		printf("%u audit entr%s\n", p.count, p.count == 1 ? "y" : "ies");
	wire_client_close(client);
	return ret;
}

/* "Label:" padded to WIDTH display columns (labels hold umlauts). */
static void print_label(const char *label, int width)
{
	printf("%s:%*s", label, width - text_width(label), "");
}

/* status: the server up or not; its sessions, edit locks, log on disk,
 * last checkpoint, backup and verify. */
int admin_status(struct admin *admin, int argc, char **argv)
{
	bool down = false;
	struct wire_client *client = connect_quietly(admin, true, &down);
	struct server_status st;
	struct wire_msg reply;
	char value[SERVER_STATUS_TEXT + 32];
	int ret, width = 0;

	(void)argc;
	(void)argv;
	if (!client) {
		if (down)
			printf("server: not running on %s (start it: systemctl start "
			       "sozialraumd)\n",
			       admin->data_dir);
		return ADMIN_FINDING;
	}
	wire_client_request(client, WIRE_STATUS);
	ret = admin_call(client, &reply);
	if (ret == ADMIN_OK && wire_get_record(&reply, &server_status_def, &st) != STATUS_OK) {
		admin_error("the server's answer could not be read");
		ret = ADMIN_FINDING;
	}
	wire_client_close(client);
	if (ret != ADMIN_OK)
		return ret;
	printf("server: running on %s\n", admin->data_dir);
	for (size_t i = 0; i < server_status_def.nfields; i++)
		if (text_width(server_status_def.fields[i].label) + 2 > width)
			width = text_width(server_status_def.fields[i].label) + 2;
	for (size_t i = 0; i < server_status_def.nfields; i++) {
		field_format(&server_status_def.fields[i], &st, value, sizeof(value));
		print_label(server_status_def.fields[i].label, width);
		printf("%s\n", value[0] ? value : "–");
	}
	return ADMIN_OK;
}
