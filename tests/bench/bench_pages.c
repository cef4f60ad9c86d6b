/* scripts/bench pages: what a list costs the server at two sizes of the
 * database, measured in the same run: page 1 of the offers list, a deep
 * page (page 2,000 of 200,000 records; the last page of 2,000), a word
 * search, and a filtered audit query (one user's entries since today) in a
 * log of five audit entries per record. The server's own time per request
 * comes from its STATS answer (median and 99th percentile). Target: the
 * large figures within 1.5 x the small ones.
 *
 *   bench_pages load DATADIR RECORDS   preload offers and audit entries
 *   bench_pages run SOCKET RECORDS     measure; prints one line per kind
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/date.h"
#include "model/offer.h"
#include "store/store.h"
#include "wire/client.h"
#include "../sample.h"
#include "bench.h"

#define AUDIT_PER_RECORD 5    /* the create, and four more */
#define USERS            20   /* each has 400 entries in the small log */
#define REQUESTS         2000 /* per kind */
#define WARMUP           200
#define DEEP_PAGE        2000
#define USER_LOGIN       "amt"
#define ADMIN_LOGIN      "admin"

/* Words of offer names; a search for one finds a twentieth of them. */
static const char *const words[] = {
        "Eltern",  "Kinder", "Jugend", "Treff",     "Café",     "Beratung", "Sport",
        "Musik",   "Garten", "Lesen",  "Werkstatt", "Spiel",    "Familie",  "Frühstück",
        "Sprache", "Tanz",   "Natur",  "Kochen",    "Bewegung", "Medien",
};
#define NWORDS (sizeof(words) / sizeof(words[0]))

static struct offer numbered_offer(long i)
{
	struct offer o = sample_offer_number(i);

	snprintf(o.name, sizeof(o.name), "%s %s %ld", words[i % NWORDS],
	         words[(i / NWORDS) % NWORDS], i);
	return o;
}

/* The audit entries beyond the creates: four per record, by USERS logins
 * in turn, as opening and changing records would leave them. */
static enum status load_audit(struct store *store, long records)
{
	long extra = records * (AUDIT_PER_RECORD - 1);
	enum status st = STATUS_OK;

	for (long i = 0; i < extra && st == STATUS_OK; i += 100) {
		struct store_txn *txn;
		char login[16];

		snprintf(login, sizeof(login), "u%02ld", (i / 100) % USERS);
		if ((st = store_begin(store, login, &txn)) != STATUS_OK)
			break;
		for (long k = i; k < i + 100 && k < extra && st == STATUS_OK; k++)
			st = store_audit(txn, "open", &offer_def, (uint64_t)(k % records) + 1, "");
		st = st == STATUS_OK ? store_commit(txn) : (store_abort(txn), st);
	}
	return st;
}

static int load(const char *dir, long records)
{
	struct store *store;
	struct store_txn *txn = NULL;
	char msg[1024];
	enum status st = STATUS_OK;

	if (store_init(dir, msg, sizeof(msg)) != STATUS_OK ||
	    store_open(dir, STORE_BULK, &store, msg, sizeof(msg)) != STATUS_OK) {
		fprintf(stderr, "bench_pages: %s\n", msg);
		return 1;
	}
	for (long i = 0; i < records && st == STATUS_OK; i++) {
		struct offer o = numbered_offer(i);

		if (i % 1000 == 0)
			st = store_begin(store, "bench", &txn);
		if (st == STATUS_OK)
			st = store_insert(txn, &offer_def, &o);
		if (st == STATUS_OK && (i % 1000 == 999 || i == records - 1))
			st = store_commit(txn);
	}
	if (st == STATUS_OK)
		st = load_audit(store, records);
	store_flush(store);
	store_close(store);
	if (st != STATUS_OK)
		fprintf(stderr, "bench_pages: preload failed: %s\n", status_text(st));
	return st == STATUS_OK ? 0 : 1;
}

/* Where a page ended, to ask for the one after it. */
struct position {
	uint8_t after[WIRE_POSITION_MAX];
	size_t len;
};

static enum status list_page(struct wire_client *c, const struct position *from, const char *search,
                             struct position *next)
{
	struct codec_buf *req = wire_client_request(c, WIRE_RECORD_LIST);
	struct wire_msg reply;
	enum status st;

	codec_put_str(req, WF_TABLE, offer_def.table);
	if (search)
		codec_put_str(req, WF_WORDS, search);
	if (from && from->len)
		codec_put_bytes(req, WF_AFTER, from->after, from->len);
	if ((st = wire_client_call(c, &reply)) != STATUS_OK || !next)
		return st;
	if (wire_get_bytes(&reply, WF_AFTER, next->after, sizeof(next->after), &next->len) !=
	    STATUS_OK)
		next->len = 0;
	return STATUS_OK;
}

static enum status audit_page(struct wire_client *admin, int user)
{
	struct codec_buf *req = wire_client_request(admin, WIRE_AUDIT_QUERY);
	struct wire_msg reply;
	char login[16];

	snprintf(login, sizeof(login), "u%02d", user % USERS);
	codec_put_str(req, WF_USER, login);
	codec_put_u64(req, WF_DATE, (uint64_t)date_today());
	return wire_client_call(admin, &reply);
}

/* The position after which the deep page starts: page DEEP_PAGE, or the
 * last page of a smaller list. Returns the page's number. */
static long find_deep_page(struct wire_client *c, struct position *pos)
{
	struct position next = {0};
	long page = 1;

	memset(pos, 0, sizeof(*pos));
	while (page < DEEP_PAGE) {
		if (list_page(c, pos, NULL, &next) != STATUS_OK || next.len == 0)
			break;
		*pos = next;
		page++;
	}
	return page;
}

enum kind { PAGE_ONE, PAGE_DEEP, WORDS, AUDIT, KINDS };
static const char *const kind_names[KINDS] = {"page 1", "deep page", "word search",
                                              "audit, one user since today"};

static enum status request(struct wire_client *user, struct wire_client *admin, enum kind kind,
                           const struct position *deep, int i)
{
	switch (kind) {
	case PAGE_ONE:
		return list_page(user, NULL, NULL, NULL);
	case PAGE_DEEP:
		return list_page(user, deep, NULL, NULL);
	case WORDS:
		return list_page(user, NULL, words[i % NWORDS], NULL);
	default:
		return audit_page(admin, i);
	}
}

/* REQUESTS of one kind after WARMUP unmeasured ones (the first of a kind
 * pays for pages not yet in the cache, at either size). */
static int measure(struct wire_client *user, struct wire_client *admin, enum kind kind,
                   const struct position *deep, struct summary *out)
{
	struct summary ignored;
	enum status st = STATUS_OK;

	for (int i = 0; i < WARMUP && st == STATUS_OK; i++)
		st = request(user, admin, kind, deep, i);
	if (st == STATUS_OK)
		st = server_stats(admin, true, "read", &ignored);
	for (int i = 0; i < REQUESTS && st == STATUS_OK; i++)
		st = request(user, admin, kind, deep, i);
	if (st == STATUS_OK)
		st = server_stats(admin, false, "read", out);
	if (st != STATUS_OK)
		fprintf(stderr, "bench_pages: %s: %s\n", kind_names[kind], status_text(st));
	return st == STATUS_OK ? 0 : 1;
}

static int run(const char *socket_path, long records)
{
	struct wire_client *user, *admin;
	struct summary sums[KINDS];
	struct position deep;
	char msg[512];
	long page;
	int failed = 0;

	if (wire_client_open(socket_path, USER_LOGIN, 0, &user, NULL, msg, sizeof(msg)) !=
	            STATUS_OK ||
	    wire_client_open(socket_path, ADMIN_LOGIN, 0, &admin, NULL, msg, sizeof(msg)) !=
	            STATUS_OK) {
		fprintf(stderr, "bench_pages: %s\n", msg);
		return 1;
	}
	page = find_deep_page(user, &deep);
	for (int k = 0; k < KINDS && !failed; k++)
		failed = measure(user, admin, (enum kind)k, &deep, &sums[k]);
	wire_client_close(user);
	wire_client_close(admin);
	if (failed)
		return 1;
	/* One line per kind, read by scripts/bench to set the sizes side by side. */
	for (int k = 0; k < KINDS; k++)
		printf("%s|%ld|%ld|%" PRIu64 "|%.4f|%.4f\n", kind_names[k], records,
		       k == PAGE_DEEP ? page : 1, sums[k].count, ms(sums[k].median),
		       ms(sums[k].p99));
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "load") == 0 && atol(argv[3]) > 0)
		return load(argv[2], atol(argv[3]));
	if (argc == 4 && strcmp(argv[1], "run") == 0 && atol(argv[3]) > 0)
		return run(argv[2], atol(argv[3]));
	fprintf(stderr, "usage: bench_pages load DATADIR RECORDS\n"
	                "       bench_pages run SOCKET RECORDS\n");
	return 2;
}
