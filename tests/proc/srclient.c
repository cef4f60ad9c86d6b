/* A scripted client of sozialraumd for the process tests.
 *
 *   srclient SOCKET LOGIN create NAME    save a new offer, print its id
 *   srclient SOCKET LOGIN hold ID        take the edit lock, print "held", wait
 *   srclient SOCKET LOGIN lock ID        try the lock: "ok" or "locked by NAME"
 *   srclient SOCKET LOGIN saves N [D]    N saves (descriptions of D bytes),
 *                                        printing "I ID NAME" per ack
 *                                        (the format crashwriter check reads)
 *   srclient SOCKET LOGIN resend NAME    a save sent twice with one request id
 *   srclient SOCKET LOGIN garbage        malformed messages, then a real request
 *   srclient SOCKET LOGIN deactivate ID [DATE]  end an offer (today): "inactive DATE"
 *   srclient SOCKET LOGIN count ID YYYYMM N VERSION   enter a monthly count
 *   srclient SOCKET LOGIN list [WORDS]   every offer the caller may list, page by
 *                                        page: "N offers in P pages", and the names
 *   srclient SOCKET LOGIN get ID         open an offer: "NAME" or the status
 *   srclient SOCKET LOGIN overwrite ID NAME  save offer ID (version 1) as a new
 *                                        sample offer named NAME, unread: the status
 *   srclient SOCKET LOGIN backup PATH    ask for a backup into PATH (refused)
 *   srclient SOCKET LOGIN hold-exports N N connections, each with an export it does
 *                                        not fetch: "held N", then waits
 *   srclient SOCKET LOGIN export KIND YEAR [PARENT]  the export as LOGIN gets it
 *                                        (the list of PARENT's children of table KIND)
 *   srclient SOCKET LOGIN export-flood N N exports sent at once on one connection:
 *                                        "started S refused R"
 *   srclient SOCKET LOGIN connections N MS  N connections without hello, held MS ms:
 *                                        "open O refused R failed F"
 *   srclient SOCKET LOGIN events N MS    say "ready", then wait up to MS ms for N
 *                                        events: "E TABLE ID LOGIN" each
 *   srclient SOCKET LOGIN draft TITLE [ID]  the draft of a new offer's form (of
 *                                        offer ID's): its id
 *   srclient SOCKET LOGIN drafts         the caller's drafts, "D ID LOGIN TABLE REC NAME"
 *   srclient SOCKET LOGIN rdraft TABLE ID FIELD=VALUE...  the draft of any form: its id
 *   srclient SOCKET LOGIN flood          requests without reading answers
 *   srclient SOCKET LOGIN rkids TABLE PARENT  the records of PARENT: "K ID name=value ..."
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "model/audit.h"
#include "model/date.h"
#include "model/draft.h"
#include "model/offer.h"
#include "model/registry.h"
#include "wire/client.h"
#include "../client.h"
#include "../sample.h"

static struct wire_client *client;
static const char *wire_client_path, *wire_client_login; /* argv: socket and login */

static enum status save(struct offer *o)
{
	return client_save_offer(client, o);
}

static int lock(uint64_t id, bool quiet)
{
	struct codec_buf *req = wire_client_request(client, WIRE_LOCK_TAKE);
	struct wire_msg reply;
	char holder[128] = "";
	enum status st;

	codec_put_str(req, WF_TABLE, offer_def.table);
	codec_put_u64(req, WF_ID, id);
	st = wire_client_call(client, &reply);
	if (st == STATUS_ERR_LOCKED) {
		wire_get_str(&reply, WF_HOLDER, holder, sizeof(holder));
		printf("locked by %s\n", holder);
		return 1;
	}
	if (!quiet || st != STATUS_OK)
		printf("%s\n", st == STATUS_OK ? "ok" : status_text(st));
	return st == STATUS_OK ? 0 : 2;
}

/* N new offers, each with a description of DESC bytes. */
static int saves(long n, size_t desc)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (long i = 0; i < n; i++) {
		char name[64];
		struct offer o;

		snprintf(name, sizeof(name), "save-%ld-%ld", (long)getpid(), i);
		o = sample_offer(name);
		if (desc >= sizeof(o.description))
			desc = sizeof(o.description) - 1;
		memset(o.description, 'x', desc);
		o.description[desc] = '\0';
		if (save(&o) != STATUS_OK)
			return 1;
		printf("I %" PRIu64 " %s\n", o.head.id, o.name);
	}
	return 0;
}

static enum status record_id(void *ctx, const struct codec_field *field)
{
	struct offer o;

	if (record_decode(&offer_def, field->data, field->len, &o) != STATUS_OK)
		return STATUS_ERR_PROTOCOL;
	*(uint64_t *)ctx = o.head.id;
	return STATUS_OK;
}

/* The same save twice with one request id: the server applies it once. */
static int resend(const char *name)
{
	struct offer a = sample_offer(name);
	struct codec_buf enc, *req;
	struct wire_msg reply;
	uint64_t first = 0, second = 0;

	codec_buf_init(&enc);
	record_encode(&offer_def, &a, &enc);
	req = wire_client_request(client, WIRE_RECORD_SAVE);
	codec_put_str(req, WF_TABLE, offer_def.table);
	codec_put_bytes(req, WF_RECORD, enc.data, enc.len);
	codec_buf_free(&enc);
	if (wire_client_call(client, &reply) != STATUS_OK ||
	    wire_each(&reply, WF_RECORD, record_id, &first) != STATUS_OK ||
	    wire_client_call(client, &reply) != STATUS_OK ||
	    wire_each(&reply, WF_RECORD, record_id, &second) != STATUS_OK)
		return 1;
	printf("%s %" PRIu64 " %" PRIu64 "\n", first == second ? "same" : "different", first,
	       second);
	return first == second && first ? 0 : 1;
}

static int send_raw(int fd, const void *data, size_t len)
{
	char buf[WIRE_MAX_MESSAGE];
	struct wire_msg msg;

	if (send(fd, data, len, MSG_NOSIGNAL) != (ssize_t)len)
		return 1;
	len = (size_t)recv(fd, buf, sizeof(buf), 0);
	return wire_parse(buf, len, &msg) == STATUS_OK && msg.kind == WIRE_ERROR ? 0 : 1;
}

static int garbage(const char *socket_path)
{
	struct sockaddr_un addr = {.sun_family = AF_UNIX};
	static char big[WIRE_MAX_MESSAGE + 100];
	uint8_t wrong_version[] = {'S', 'R', 1, 0, 99, 0};
	int fd = socket(AF_UNIX, SOCK_SEQPACKET, 0), bad = 0;

	snprintf(addr.sun_path, sizeof(addr.sun_path), "%s", socket_path);
	if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) != 0)
		return 1;
	bad += send_raw(fd, "hello?", 6);
	bad += send_raw(fd, wrong_version, sizeof(wrong_version));
	memset(big, 'x', sizeof(big));
	if (send(fd, big, sizeof(big), MSG_NOSIGNAL) < 0)
		bad++;
	close(fd);
	printf("%d unexpected answers\n", bad);
	return bad ? 1 : 0;
}

static int create(char **args)
{
	struct offer o = sample_offer(args[0]);

	if (save(&o) != STATUS_OK)
		return 1;
	printf("%" PRIu64 "\n", o.head.id);
	return 0;
}

static int hold(char **args)
{
	if (lock(strtoull(args[0], NULL, 10), true) != 0)
		return 1;
	printf("held\n");
	fflush(stdout);
	pause();
	return 0;
}

static int try_lock(char **args)
{
	return lock(strtoull(args[0], NULL, 10), false);
}

static int run_saves(char **args)
{
	return saves(atol(args[0]), args[1] ? (size_t)atol(args[1]) : 0);
}

static int run_resend(char **args)
{
	return resend(args[0]);
}

static int deactivate(char **args)
{
	struct codec_buf *req = wire_client_request(client, WIRE_OFFER_DEACTIVATE);
	struct wire_msg reply;
	struct offer o = {0};
	enum status st;

	codec_put_u64(req, WF_ID, strtoull(args[0], NULL, 10));
	if (args[1])
		codec_put_u64(req, WF_DATE, strtoull(args[1], NULL, 10));
	st = wire_client_call(client, &reply);
	if (st == STATUS_OK)
		st = wire_get_record(&reply, &offer_def, &o);
	if (st != STATUS_OK) {
		printf("%s\n", status_text(st));
		return 1;
	}
	printf("%s %d\n", o.inactive ? "inactive" : "active", o.active_to);
	return 0;
}

static enum status print_count(void *ctx, const struct codec_field *field)
{
	struct offer_count c;

	(void)ctx;
	if (record_decode(&offer_count_def, field->data, field->len, &c) != STATUS_OK)
		return STATUS_ERR_PROTOCOL;
	printf("%d=%" PRId64 " v%u\n", c.month / 100, c.people, c.head.version);
	return STATUS_OK;
}

/* The counts of offer ID by month, page by page. */
static int print_counts(uint64_t id)
{
	uint8_t after[WIRE_POSITION_MAX];
	size_t len = 0;
	struct wire_msg reply;

	do {
		struct codec_buf *req = wire_client_request(client, WIRE_RECORD_LIST);

		codec_put_str(req, WF_TABLE, offer_count_def.table);
		codec_put_u64(req, WF_PARENT, id);
		if (len)
			codec_put_bytes(req, WF_AFTER, after, len);
		if (wire_client_call(client, &reply) != STATUS_OK ||
		    wire_each(&reply, WF_RECORD, print_count, NULL) != STATUS_OK)
			return 1;
		if (wire_get_bytes(&reply, WF_AFTER, after, sizeof(after), &len) != STATUS_OK)
			len = 0;
	} while (len);
	return 0;
}

/* count ID YYYYMM N VERSION: enters a monthly count, prints them all. */
static int count(char **args)
{
	struct offer_count c = {.offer = strtoull(args[0], NULL, 10),
	                        .month = (int32_t)(atol(args[1]) * 100 + 1),
	                        .people = atol(args[2])};
	enum status st;

	c.head.version = (uint32_t)atol(args[3]);
	st = client_save(client, &offer_count_def, &c);
	if (st != STATUS_OK) {
		printf("%s\n", status_text(st));
		return 1;
	}
	return print_counts(c.offer);
}

struct listing {
	unsigned count;
	FILE *names;
};

static enum status list_one(void *ctx, const struct codec_field *field)
{
	struct listing *l = ctx;
	static struct offer o;

	if (record_decode(&offer_def, field->data, field->len, &o) != STATUS_OK)
		return STATUS_ERR_PROTOCOL;
	l->count++;
	fprintf(l->names, "O %s\n", o.name);
	return STATUS_OK;
}

/* list [WORDS]: every offer the caller may list, following the pages. */
static int list(char **args)
{
	struct listing l = {.names = stdout};
	uint8_t after[WIRE_POSITION_MAX];
	size_t len = 0;
	unsigned pages = 0;
	struct wire_msg reply;
	enum status st;

	do {
		struct codec_buf *req = wire_client_request(client, WIRE_RECORD_LIST);

		codec_put_str(req, WF_TABLE, offer_def.table);
		if (args[0])
			codec_put_str(req, WF_WORDS, args[0]);
		if (len)
			codec_put_bytes(req, WF_AFTER, after, len);
		if ((st = wire_client_call(client, &reply)) == STATUS_OK)
			st = wire_each(&reply, WF_RECORD, list_one, &l);
		if (st != STATUS_OK) {
			printf("%s\n", status_text(st));
			return 1;
		}
		pages++;
		if (wire_get_bytes(&reply, WF_AFTER, after, sizeof(after), &len) != STATUS_OK)
			len = 0;
	} while (len);
	printf("%u offers in %u pages\n", l.count, pages);
	return 0;
}

/* The ids of one page, and where it began and ended. */
struct id_page {
	uint64_t ids[WIRE_PAGE_SIZE];
	size_t n;
	uint8_t first[WIRE_POSITION_MAX], after[WIRE_POSITION_MAX];
	size_t first_len, after_len;
};

static enum status id_one(void *ctx, const struct codec_field *field)
{
	struct id_page *p = ctx;
	static struct offer o;

	if (record_decode(&offer_def, field->data, field->len, &o) != STATUS_OK ||
	    p->n == WIRE_PAGE_SIZE)
		return STATUS_ERR_PROTOCOL;
	p->ids[p->n++] = o.head.id;
	return STATUS_OK;
}

/* The page after the position P holds (none: from the start). */
static enum status id_page(bool backward, struct id_page *p)
{
	struct codec_buf *req = wire_client_request(client, WIRE_RECORD_LIST);
	struct wire_msg reply;
	enum status st;

	codec_put_str(req, WF_TABLE, offer_def.table);
	if (backward)
		codec_put_u64(req, WF_BACKWARD, 1);
	if (p->after_len)
		codec_put_bytes(req, WF_AFTER, p->after, p->after_len);
	p->n = 0;
	if ((st = wire_client_call(client, &reply)) == STATUS_OK)
		st = wire_each(&reply, WF_RECORD, id_one, p);
	if (wire_get_bytes(&reply, WF_FIRST, p->first, sizeof(p->first), &p->first_len) !=
	    STATUS_OK)
		p->first_len = 0;
	if (wire_get_bytes(&reply, WF_AFTER, p->after, sizeof(p->after), &p->after_len) !=
	    STATUS_OK)
		p->after_len = 0;
	return st;
}

/* walkback: keyset both ways. The list forward page by page; then from
 * where the last page began, backwards: exactly the offers before that
 * page, in reverse order. */
static int walkback(char **args)
{
	static uint64_t ids[100000];
	size_t n = 0, last_start = 0, back = 0;
	struct id_page p = {0};
	bool in_order = true;
	uint8_t from[WIRE_POSITION_MAX];
	size_t from_len = 0;

	(void)args;
	do {
		if (id_page(false, &p) != STATUS_OK)
			return 1;
		last_start = n;
		for (size_t i = 0; i < p.n && n < sizeof(ids) / sizeof(ids[0]); i++)
			ids[n++] = p.ids[i];
		memcpy(from, p.first, p.first_len);
		from_len = p.first_len;
	} while (p.after_len);
	memcpy(p.after, from, from_len);
	p.after_len = from_len;
	do {
		if (id_page(true, &p) != STATUS_OK)
			return 1;
		for (size_t i = 0; i < p.n; i++, back++)
			in_order = in_order && back < last_start &&
			           p.ids[i] == ids[last_start - 1 - back];
	} while (p.after_len);
	printf("%zu offers forward, %zu before the last page walked back, %s\n", n, back,
	       in_order && back == last_start ? "in reverse order" : "NOT in reverse order");
	return 0;
}

/* A record of TABLE with every choice unset, then FIELD=VALUE pairs as a
 * user types them; NULL (said why) when a field is unknown or refused. */
static void *record_from(const struct record_def *def, char **pairs)
{
	char *rec = calloc(1, def->size);

	for (size_t i = 0; rec && i < def->nfields; i++)
		if (def->fields[i].type == FIELD_CHOICE)
			*(int *)(void *)(rec + def->fields[i].offset) = -1;
	for (size_t i = 0; rec && pairs[i]; i++) {
		char *eq = strchr(pairs[i], '=');
		const struct field_def *f;

		if (eq)
			*eq = '\0';
		if (!eq || !(f = record_field(def, pairs[i])) ||
		    field_parse(f, eq + 1, rec) != STATUS_OK) {
			printf("bad field %s\n", pairs[i]);
			free(rec);
			return NULL;
		}
	}
	return rec;
}

/* rput TABLE ID VERSION FIELD=VALUE...: saves a record of any type (ID 0:
 * a new one); prints "saved ID VERSION" or the server's refusal. */
static int rput(char **args)
{
	const struct record_def *def = record_type_find(args[0]);
	struct record_head *head;
	struct codec_buf enc, *req;
	struct wire_msg reply;
	char text[256] = "";
	void *rec;
	enum status st;

	if (!def || !(rec = record_from(def, args + 3)))
		return 2;
	head = rec;
	head->id = strtoull(args[1], NULL, 10);
	head->version = (uint32_t)strtoul(args[2], NULL, 10);
	codec_buf_init(&enc);
	record_encode(def, rec, &enc);
	req = wire_client_request(client, WIRE_RECORD_SAVE);
	codec_put_str(req, WF_TABLE, def->table);
	codec_put_bytes(req, WF_RECORD, enc.data, enc.len);
	codec_buf_free(&enc);
	st = wire_client_call(client, &reply);
	if (st == STATUS_OK)
		st = wire_get_record(&reply, def, rec);
	else
		wire_get_str(&reply, WF_TEXT, text, sizeof(text));
	if (st == STATUS_OK)
		printf("saved %" PRIu64 " %u\n", head->id, head->version);
	else
		printf("%s %s\n", status_text(st), text);
	free(rec);
	return st == STATUS_OK ? 0 : 1;
}

/* rget TABLE ID: a record of any type as the caller sees it, one field a
 * line ("name=value"), or the server's refusal. */
static int rget(char **args)
{
	const struct record_def *def = record_type_find(args[0]);
	struct codec_buf *req;
	struct wire_msg reply;
	char value[256];
	void *rec;
	enum status st;

	if (!def || !(rec = malloc(def->size)))
		return 2;
	req = wire_client_request(client, WIRE_RECORD_GET);
	codec_put_str(req, WF_TABLE, def->table);
	codec_put_u64(req, WF_ID, strtoull(args[1], NULL, 10));
	st = wire_client_call(client, &reply);
	if (st == STATUS_OK)
		st = wire_get_record(&reply, def, rec);
	if (st != STATUS_OK)
		printf("%s\n", status_text(st));
	else
		printf("version=%u\n", ((struct record_head *)rec)->version);
	for (size_t i = 0; st == STATUS_OK && i < def->nfields; i++) {
		field_format(&def->fields[i], rec, value, sizeof(value));
		printf("%s=%s\n", def->fields[i].name, value);
	}
	free(rec);
	return st == STATUS_OK ? 0 : 1;
}

static enum status print_child(void *ctx, const struct codec_field *field)
{
	const struct record_def *def = ctx;
	void *rec = malloc(def->size);
	char value[256];
	enum status st = rec ? record_decode(def, field->data, field->len, rec) : STATUS_ERR_NOMEM;

	if (st == STATUS_OK)
		printf("K %" PRIu64, ((struct record_head *)rec)->id);
	for (size_t i = 0; st == STATUS_OK && i < def->nfields; i++) {
		field_format(&def->fields[i], rec, value, sizeof(value));
		if (value[0])
			printf(" %s=%s", def->fields[i].name, value);
	}
	if (st == STATUS_OK)
		printf("\n");
	free(rec);
	return st;
}

/* rkids TABLE PARENT: the first page of the records of TABLE that belong
 * to record PARENT, as the caller sees them, a line each ("K ID
 * name=value ..." of the fields not empty), or the server's refusal. */
static int rkids(char **args)
{
	const struct record_def *def = record_type_find(args[0]);
	struct codec_buf *req;
	struct wire_msg reply;
	enum status st;

	if (!def)
		return 2;
	req = wire_client_request(client, WIRE_RECORD_LIST);
	codec_put_str(req, WF_TABLE, def->table);
	codec_put_u64(req, WF_PARENT, strtoull(args[1], NULL, 10));
	st = wire_client_call(client, &reply);
	if (st == STATUS_OK)
		st = wire_each(&reply, WF_RECORD, print_child, (void *)def);
	if (st != STATUS_OK)
		printf("%s\n", status_text(st));
	return st == STATUS_OK ? 0 : 1;
}

/* rcount TABLE INDEX KEY: how many records of the index's entries that
 * begin with KEY the caller may list ("count N", "+" when it went on). */
static int rcount(char **args)
{
	struct codec_buf *req = wire_client_request(client, WIRE_RECORD_LIST);
	struct wire_msg reply;
	uint8_t key[INDEX_KEY_MAX], after[WIRE_POSITION_MAX];
	uint64_t n = 0;
	size_t len;
	int klen = index_put_text(key, sizeof(key), args[2]);
	enum status st;

	codec_put_str(req, WF_TABLE, args[0]);
	codec_put_str(req, WF_INDEX, args[1]);
	codec_put_bytes(req, WF_KEY, key, (size_t)klen);
	codec_put_u64(req, WF_COUNT, 1);
	st = wire_client_call(client, &reply);
	if (st == STATUS_OK)
		st = wire_get_u64(&reply, WF_COUNT, &n);
	if (st != STATUS_OK) {
		printf("%s\n", status_text(st));
		return 1;
	}
	printf("count %llu%s\n", (unsigned long long)n,
	       wire_get_bytes(&reply, WF_AFTER, after, sizeof(after), &len) == STATUS_OK ? "+"
	                                                                                 : "");
	return 0;
}

static enum status print_text(void *ctx, const struct codec_field *field)
{
	char line[256];

	(void)ctx;
	if (codec_get_str(field, line, sizeof(line)) != STATUS_OK)
		return STATUS_ERR_PROTOCOL;
	printf("S %s\n", line);
	return STATUS_OK;
}

/* dups NAME YYYYMMDD CASE: the duplicate check of an intake into CASE. */
static int dups(char **args)
{
	struct codec_buf *req = wire_client_request(client, WIRE_DUPLICATES);
	struct wire_msg reply;
	enum status st;

	codec_put_str(req, WF_NAME, args[0]);
	codec_put_u64(req, WF_DATE, strtoull(args[1], NULL, 10));
	codec_put_u64(req, WF_ID, strtoull(args[2], NULL, 10));
	st = wire_client_call(client, &reply);
	if (st == STATUS_OK)
		st = wire_each(&reply, WF_TEXT, print_text, NULL);
	printf("%s\n", status_text(st));
	return st == STATUS_OK ? 0 : 1;
}

static enum status print_history(void *ctx, const struct codec_field *field)
{
	struct audit_entry e;

	(void)ctx;
	if (field->type != CODEC_BYTES ||
	    record_decode(&audit_def, field->data, field->len, &e) != STATUS_OK)
		return STATUS_ERR_PROTOCOL;
	printf("H %s %s %s\n", e.action, e.login, e.detail);
	return STATUS_OK;
}

/* history TABLE ID: the record's audit entries, the newest first; TABLE
 * "-" and ID 0: the whole log. */
static int history(char **args)
{
	struct codec_buf *req = wire_client_request(client, WIRE_AUDIT_QUERY);
	struct wire_msg reply;
	enum status st;

	if (strcmp(args[0], "-") != 0)
		codec_put_str(req, WF_TABLE, args[0]);
	if (strtoull(args[1], NULL, 10))
		codec_put_u64(req, WF_ID, strtoull(args[1], NULL, 10));
	codec_put_u64(req, WF_BACKWARD, 1);
	st = wire_client_call(client, &reply);
	if (st == STATUS_OK)
		st = wire_each(&reply, WF_RECORD, print_history, NULL);
	printf("%s\n", status_text(st));
	return st == STATUS_OK ? 0 : 1;
}

static int get(char **args)
{
	struct codec_buf *req = wire_client_request(client, WIRE_RECORD_GET);
	struct wire_msg reply;
	struct offer o;
	enum status st;

	codec_put_str(req, WF_TABLE, offer_def.table);
	codec_put_u64(req, WF_ID, strtoull(args[0], NULL, 10));
	st = wire_client_call(client, &reply);
	if (st == STATUS_OK)
		st = wire_get_record(&reply, &offer_def, &o);
	printf("%s\n", st == STATUS_OK ? o.name : status_text(st));
	return st == STATUS_OK ? 0 : 1;
}

/* backup PATH: a client that names where the server should write. */
static int backup(char **args)
{
	struct wire_msg reply;
	enum status st;

	codec_put_str(wire_client_request(client, WIRE_BACKUP), WF_PATH, args[0]);
	st = wire_client_call(client, &reply);
	printf("%s\n", status_text(st));
	return st == STATUS_OK ? 0 : 1;
}

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	nanosleep(&ts, NULL);
}

static enum status start_export(struct wire_client *c)
{
	struct wire_msg reply;

	codec_put_str(wire_client_request(c, WIRE_EXPORT), WF_KIND, "offers");
	return wire_client_call(c, &reply);
}

static int hold_exports(char **args)
{
	long n = atol(args[0]), held = 0;
	char msg[512];

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (long i = 0; i < n; i++) {
		struct wire_client *c;

		if (wire_client_open(wire_client_path, wire_client_login, 0, &c, NULL, msg,
		                     sizeof(msg)) != STATUS_OK)
			break;
		held += start_export(c) == STATUS_OK; /* the first piece only */
	}
	printf("held %ld\n", held);
	pause();
	return 0;
}

/* export KIND YEAR [PARENT]: the whole export as this login gets it, on
 * stdout (the children of record PARENT: its list); "refused: TEXT" when
 * the server refuses it. */
static int export_all(char **args)
{
	char text[512];
	struct wire_export_query q = {.kind = args[0],
	                              .year = atoi(args[1]),
	                              .parent = args[2] ? strtoull(args[2], NULL, 10) : 0};
	enum status st = wire_client_export(client, &q, stdout, text, sizeof(text));

	if (st != STATUS_OK)
		printf("refused: %s %s\n", status_text(st), text);
	return st != STATUS_OK;
}

/* Sends N exports without reading, then reads the N answers. */
static int export_flood(char **args)
{
	long n = atol(args[0]), started = 0, refused = 0;
	int fd = wire_client_fd(client);
	char buf[WIRE_MAX_MESSAGE];
	struct codec_buf req;
	struct wire_msg msg;
	size_t len;

	codec_buf_init(&req);
	for (long i = 0; i < n; i++) {
		wire_begin(&req, WIRE_EXPORT, (uint64_t)i + 1000);
		codec_put_str(&req, WF_KIND, "offers");
		if (wire_send(fd, &req) != STATUS_OK)
			return 1;
	}
	codec_buf_free(&req);
	for (long i = 0; i < n; i++) {
		uint64_t code = 0;

		if (wire_recv(fd, buf, &len) != STATUS_OK ||
		    wire_parse(buf, len, &msg) != STATUS_OK)
			return 1;
		if (msg.kind == WIRE_EXPORT_DATA)
			started++;
		else if (wire_get_u64(&msg, WF_STATUS, &code) == STATUS_OK &&
		         code == STATUS_ERR_LIMIT)
			refused++;
	}
	printf("started %ld refused %ld\n", started, refused);
	return 0;
}

/* N sockets that connect and say nothing: the server keeps them until
 * the hello timeout, or refuses one at once with an answer. */
static int connections(char **args)
{
	long n = atol(args[0]), open_n = 0, refused = 0, failed = 0;
	int *fds = calloc((size_t)n, sizeof(int));
	char buf[WIRE_MAX_MESSAGE];

	for (long i = 0; fds && i < n; i++) {
		struct sockaddr_un addr = {.sun_family = AF_UNIX};

		snprintf(addr.sun_path, sizeof(addr.sun_path), "%s", wire_client_path);
		fds[i] = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
		if (fds[i] < 0 || connect(fds[i], (struct sockaddr *)&addr, sizeof(addr)) != 0) {
			if (fds[i] >= 0)
				close(fds[i]);
			fds[i] = -1;
			failed++;
		}
	}
	sleep_ms(atol(args[1]));
	for (long i = 0; fds && i < n; i++) {
		if (fds[i] < 0)
			continue;
		if (recv(fds[i], buf, sizeof(buf), MSG_DONTWAIT) > 0)
			refused++; /* the refusal, then the end */
		else
			open_n++;
		close(fds[i]);
	}
	free(fds);
	printf("open %ld refused %ld failed %ld\n", open_n, refused, failed);
	return 0;
}

/* What a hostile client can try without reading the record first. */
static int overwrite(char **args)
{
	struct offer o = sample_offer(args[1]);
	enum status st;

	o.head.id = strtoull(args[0], NULL, 10);
	o.head.version = 1;
	st = save(&o);
	printf("%s\n", status_text(st));
	return st == STATUS_OK ? 0 : 1;
}

/* events N MS: prints "ready", then waits up to MS ms for N events. */
static int events(char **args)
{
	long want = atol(args[0]), got = 0, limit = atol(args[1]);
	struct wire_event ev;

	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("ready\n");
	for (long waited = 0; got < want && waited < limit; waited += 20) {
		struct timespec ts = {0, 20 * 1000000L};

		if (wire_client_pump(client) != STATUS_OK)
			return 1;
		while (wire_client_next_event(client, &ev) && got < want) {
			printf("E %s %" PRIu64 " %s\n", ev.table, ev.id, ev.login);
			got++;
		}
		nanosleep(&ts, NULL);
	}
	return got == want ? 0 : 1;
}

/* draft TITLE: the draft of a new offer form, with the name typed so far. */
/* Sends draft D; prints its id. */
static int send_draft(const struct draft *d)
{
	struct codec_buf enc;
	struct wire_msg reply;
	uint64_t id = 0;

	codec_buf_init(&enc);
	record_encode(&draft_def, d, &enc);
	codec_put_bytes(wire_client_request(client, WIRE_DRAFT_PUT), WF_RECORD, enc.data, enc.len);
	codec_buf_free(&enc);
	if (wire_client_call(client, &reply) != STATUS_OK ||
	    wire_get_u64(&reply, WF_ID, &id) != STATUS_OK)
		return 1;
	printf("%" PRIu64 "\n", id);
	return 0;
}

static int draft(char **args)
{
	static struct draft d = {.record = 0};

	snprintf(d.table, sizeof(d.table), "%s", offer_def.table);
	d.record = args[1] ? strtoull(args[1], NULL, 10) : 0;
	snprintf(d.login, sizeof(d.login), "-");
	snprintf(d.title, sizeof(d.title), "%s", args[0]);
	draft_put(&d, "name", args[0]);
	return send_draft(&d);
}

/* rdraft TABLE ID FIELD=VALUE...: the draft of a form of any record
 * type (ID 0: a new one), the values as typed; prints its id. */
static int rdraft(char **args)
{
	static struct draft d;

	memset(&d, 0, sizeof(d));
	snprintf(d.table, sizeof(d.table), "%s", args[0]);
	d.record = strtoull(args[1], NULL, 10);
	snprintf(d.login, sizeof(d.login), "-");
	snprintf(d.title, sizeof(d.title), "%s", args[0]);
	for (char **a = args + 2; *a; a++) {
		char name[64];
		const char *eq = strchr(*a, '=');

		if (!eq || (size_t)(eq - *a) >= sizeof(name))
			return 2;
		snprintf(name, sizeof(name), "%.*s", (int)(eq - *a), *a);
		draft_put(&d, name, eq + 1);
	}
	return send_draft(&d);
}

static enum status print_draft(void *ctx, const struct codec_field *field)
{
	static struct draft d;
	char name[256] = "";

	(void)ctx;
	if (record_decode(&draft_def, field->data, field->len, &d) != STATUS_OK)
		return STATUS_ERR_PROTOCOL;
	draft_get(&d, "name", name, sizeof(name));
	printf("D %" PRIu64 " %s %s %" PRIu64 " %s\n", d.head.id, d.login, d.table, d.record, name);
	return STATUS_OK;
}

static int drafts(char **args)
{
	struct wire_msg reply;

	(void)args;
	wire_client_request(client, WIRE_DRAFT_LIST);
	if (wire_client_call(client, &reply) != STATUS_OK)
		return 1;
	return wire_each(&reply, WF_RECORD, print_draft, NULL) == STATUS_OK ? 0 : 1;
}

/* A client that sends request after request and never reads an answer:
 * the server must drop it rather than wait for it. */
static int flood(char **args)
{
	struct codec_buf req;
	int fd = wire_client_fd(client);
	long sent = 0;

	(void)args;
	codec_buf_init(&req);
	for (; sent < 100000; sent++) {
		wire_begin(&req, WIRE_RECORD_LIST, (uint64_t)sent + 1000);
		codec_put_str(&req, WF_TABLE, offer_def.table);
		codec_finish(&req);
		if (send(fd, req.data, req.len, MSG_NOSIGNAL) < 0)
			break;
	}
	codec_buf_free(&req);
	printf("%s after %ld requests\n", sent < 100000 ? "dropped" : "still connected", sent);
	return sent < 100000 ? 0 : 1;
}

static const struct command {
	const char *name;
	int min_args, max_args; /* the optional ones are NULL when missing */
	int (*run)(char **args);
} commands[] = {
        {"create", 1, 1, create},
        {"hold", 1, 1, hold},
        {"lock", 1, 1, try_lock},
        {"saves", 1, 2, run_saves},
        {"resend", 1, 1, run_resend},
        {"deactivate", 1, 2, deactivate},
        {"count", 4, 4, count},
        {"draft", 1, 2, draft},
        {"drafts", 0, 0, drafts},
        {"rdraft", 2, 20, rdraft},
        {"flood", 0, 0, flood},
        {"list", 0, 1, list},
        {"walkback", 0, 0, walkback},
        {"rput", 3, 40, rput},
        {"rget", 2, 2, rget},
        {"dups", 3, 3, dups},
        {"history", 2, 2, history},
        {"rcount", 3, 3, rcount},
        {"rkids", 2, 2, rkids},
        {"get", 1, 1, get},
        {"events", 2, 2, events},
        {"backup", 1, 1, backup},
        {"hold-exports", 1, 1, hold_exports},
        {"export-flood", 1, 1, export_flood},
        {"export", 2, 3, export_all},
        {"connections", 2, 2, connections},
        {"overwrite", 2, 2, overwrite},
};

int main(int argc, char **argv)
{
	struct wire_welcome welcome;
	char msg[512];

	if (argc < 4)
		return 2;
	wire_client_path = argv[1];
	wire_client_login = argv[2];
	if (strcmp(argv[3], "garbage") == 0)
		return garbage(argv[1]);
	if (strcmp(argv[3], "connections") == 0 && argc == 6)
		return connections(argv + 4);
	if (wire_client_open(argv[1], argv[2],
	                     strcmp(argv[3], "events") == 0 ? WIRE_CLIENT_EVENTS : 0, &client,
	                     &welcome, msg, sizeof(msg)) != STATUS_OK) {
		fprintf(stderr, "srclient: %s\n", msg);
		return 1;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[3], commands[i].name) == 0 && argc >= 4 + commands[i].min_args &&
		    argc <= 4 + commands[i].max_args)
			return commands[i].run(argv + 4); /* argv[argc] is NULL */
	return 2;
}
