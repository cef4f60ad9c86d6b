/* The rights table proven from outside: every role x record type x verb,
 * sent straight to sozialraumd's socket as a user of that role, against a
 * record inside the user's scope (district FG, team T-FG, provider DW) and
 * one outside it (district GA, provider AWO). What the server does must be
 * what the model's table says (rights_allow); every record a user gets,
 * in a list or opened, must hold nothing of a privacy class the role may
 * not see.
 *
 *   rights_sweep SOCKET CONFIG
 *
 * Prints "ok rights: LOGIN TABLE" per login and type, or "not ok" with
 * each request that went otherwise. Expects demo data with cases: the
 * samples are found as the head of office, who reads every record.
 *
 * Creating a record whose id is computed (a month's count) is left out:
 * its sample's month is taken. Ending is tried last, for the types that
 * have it (offers).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/case.h"
#include "model/config.h"
#include "model/measure.h"
#include "model/offer.h"
#include "model/registry.h"
#include "model/rights.h"
#include "wire/client.h"
#include "wire/wire.h"

static const char *const logins[] = {"fk.fg", "tl.fg", "amt", "wjh", "ctrl", "traeger.dw", "admin"};

static const struct config *config;
static const char *socket_path;
static struct wire_client *amt; /* the head of office: finds the samples */
static int failures;

/* A sample of a type: the record and the record its rights are decided on. */
struct sample {
	const struct record_def *def;
	void *rec;
	void *scope; /* the parent for a child type (a copy), else REC or a copy of it */
	const char *where;
	uint64_t parent; /* a child's parent's id */
};

static void *copy_of(const struct record_def *def, const void *rec)
{
	void *c = malloc(def->size);

	if (c)
		memcpy(c, rec, def->size);
	return c;
}

/* --- requests --- */

struct first {
	const struct record_def *def;
	void *rec;
	bool (*wanted)(const void *rec, const void *ctx);
	const void *ctx;
	bool found;
	uint64_t want_id; /* 0: the first wanted; else whether this one came */
	bool seen;
	const struct cfg_staff *who; /* when set: every record checked for privacy */
	bool leaked;
};

static bool leaks(const struct cfg_staff *who, const struct record_def *def, const void *rec)
{
	void *redacted = copy_of(def, rec);
	bool leak;

	if (!redacted)
		return true;
	rights_redact(who, def, redacted);
	leak = memcmp(redacted, rec, def->size) != 0;
	free(redacted);
	return leak;
}

static enum status take(void *ctx, const struct codec_field *f)
{
	struct first *p = ctx;
	void *rec = malloc(p->def->size);

	if (!rec || record_decode(p->def, f->data, f->len, rec) != STATUS_OK) {
		free(rec);
		return STATUS_ERR_PROTOCOL;
	}
	if (p->who && leaks(p->who, p->def, rec))
		p->leaked = true;
	if (p->want_id && ((struct record_head *)rec)->id == p->want_id)
		p->seen = true;
	if (!p->want_id && !p->found && (!p->wanted || p->wanted(rec, p->ctx))) {
		memcpy(p->rec, rec, p->def->size);
		p->found = true;
	}
	free(rec);
	return STATUS_OK;
}

/* One page of DEF: the children of PARENT, or the entries of INDEX whose
 * key begins with KEY. */
static enum status list(struct wire_client *c, const struct record_def *def, uint64_t parent,
                        const char *index, const char *key, struct first *out)
{
	struct codec_buf *req = wire_client_request(c, WIRE_RECORD_LIST);
	struct wire_msg reply;
	uint8_t buf[INDEX_KEY_MAX];
	enum status st;

	codec_put_str(req, WF_TABLE, def->table);
	if (parent)
		codec_put_u64(req, WF_PARENT, parent);
	if (index) {
		codec_put_str(req, WF_INDEX, index);
		codec_put_bytes(req, WF_KEY, buf, (size_t)index_put_text(buf, sizeof(buf), key));
	}
	if ((st = wire_client_call(c, &reply)) != STATUS_OK)
		return st;
	return wire_each(&reply, WF_RECORD, take, out);
}

static enum status get(struct wire_client *c, const struct record_def *def, uint64_t id, void *rec)
{
	struct codec_buf *req = wire_client_request(c, WIRE_RECORD_GET);
	struct wire_msg reply;
	enum status st;

	codec_put_str(req, WF_TABLE, def->table);
	codec_put_u64(req, WF_ID, id);
	if ((st = wire_client_call(c, &reply)) != STATUS_OK)
		return st;
	return wire_get_record(&reply, def, rec);
}

static enum status save(struct wire_client *c, const struct record_def *def, const void *rec)
{
	struct codec_buf enc, *req;
	struct wire_msg reply;
	enum status st;

	codec_buf_init(&enc);
	record_encode(def, rec, &enc);
	req = wire_client_request(c, WIRE_RECORD_SAVE);
	codec_put_str(req, WF_TABLE, def->table);
	codec_put_bytes(req, WF_RECORD, enc.data, enc.len);
	codec_buf_free(&enc);
	st = wire_client_call(c, &reply);
	return st;
}

/* --- the samples --- */

static bool offer_of(const void *rec, const void *ctx)
{
	return strcmp(((const struct offer *)rec)->provider, ctx) == 0;
}

static bool offer_not_of(const void *rec, const void *ctx)
{
	return !offer_of(rec, ctx);
}

/* The first record of DEF that WANTED takes, from an index or a parent. */
static void *find(const struct record_def *def, uint64_t parent, const char *index, const char *key,
                  bool (*wanted)(const void *, const void *), const void *ctx)
{
	struct first f = {.def = def, .wanted = wanted, .ctx = ctx};

	if (!(f.rec = malloc(def->size)))
		return NULL;
	if (list(amt, def, parent, index, key, &f) != STATUS_OK || !f.found) {
		free(f.rec);
		return NULL;
	}
	return f.rec;
}

/* The records of DEF in DISTRICT on the first page of its index, that
 * WANTED takes (NULL: all), into OUT; returns how many. */
struct all {
	const struct record_def *def;
	bool (*wanted)(const void *rec, const void *ctx);
	const void *ctx;
	void *recs[WIRE_PAGE_SIZE];
	size_t n;
};

static enum status take_all(void *ctx, const struct codec_field *f)
{
	struct all *a = ctx;
	void *rec = malloc(a->def->size);

	if (!rec || record_decode(a->def, f->data, f->len, rec) != STATUS_OK) {
		free(rec);
		return STATUS_ERR_PROTOCOL;
	}
	if (a->n < WIRE_PAGE_SIZE && (!a->wanted || a->wanted(rec, a->ctx)))
		a->recs[a->n++] = rec;
	else
		free(rec);
	return STATUS_OK;
}

static void find_all(struct all *a, const char *district)
{
	struct codec_buf *req = wire_client_request(amt, WIRE_RECORD_LIST);
	struct wire_msg reply;
	uint8_t buf[INDEX_KEY_MAX];

	codec_put_str(req, WF_TABLE, a->def->table);
	codec_put_str(req, WF_INDEX, "district");
	codec_put_bytes(req, WF_KEY, buf, (size_t)index_put_text(buf, sizeof(buf), district));
	if (wire_client_call(amt, &reply) == STATUS_OK)
		wire_each(&reply, WF_RECORD, take_all, a);
}

/* The in-scope and out-of-scope samples of every type the table names:
 * offers by DW in FG and by another provider in GA, cases in FG and GA,
 * and of each child type a child of one of those (the first that has
 * one). */
static size_t find_samples(struct sample *out, size_t cap)
{
	const char *districts[2] = {"FG", "GA"}, *where[2] = {"in", "out"};
	size_t n = 0;

	for (int i = 0; i < 2; i++) {
		struct all offers = {
		        .def = &offer_def, .wanted = i ? offer_not_of : offer_of, .ctx = "DW"};
		struct all cases = {.def = &case_def};

		find_all(&offers, districts[i]);
		find_all(&cases, districts[i]);
		if (!offers.n || !cases.n)
			return 0;
		out[n++] = (struct sample){&offer_def, offers.recs[0], offers.recs[0], where[i]};
		out[n++] = (struct sample){&case_def, cases.recs[0], cases.recs[0], where[i]};
		/* children of offers and cases, then children of those (a
		 * measure's decisions and plan) */
		for (int depth = 0; depth < 2; depth++)
			for (size_t t = 0; t < record_type_count && n < cap; t++) {
				const struct record_def *def = record_types[t];
				struct all found = {.def = def->parent};
				const struct all *parents = NULL;

				if (depth == 0)
					parents = def->parent == &offer_def  ? &offers
					          : def->parent == &case_def ? &cases
					                                     : NULL;
				for (size_t k = 0; depth == 1 && def->parent && k < n; k++)
					if (out[k].def == def->parent && found.n < WIRE_PAGE_SIZE &&
					    strcmp(out[k].where, where[i]) == 0)
						found.recs[found.n++] = out[k].rec;
				if (depth == 1)
					parents = found.n ? &found : NULL;
				for (size_t k = 0; parents && k < parents->n; k++) {
					void *parent = parents->recs[k];
					void *child = find(def, ((struct record_head *)parent)->id,
					                   NULL, NULL, NULL, NULL);

					if (child) {
						/* the record that decides its rights lives as
						 * long as the sample: a copy */
						out[n++] = (struct sample){
						        def, child,
						        record_scoped_by_parent(def)
						                ? copy_of(def->parent, parent)
						                : copy_of(def, child),
						        where[i],
						        ((struct record_head *)parent)->id};
						break;
					}
				}
			}
		for (size_t k = 1; k < offers.n; k++)
			free(offers.recs[k]);
		for (size_t k = 1; k < cases.n; k++)
			free(cases.recs[k]);
	}
	return n;
}

/* --- the sweep --- */

static void fail(const char *login, const struct sample *s, const char *verb, enum status st,
                 bool expected)
{
	printf("#   %s %s %s (%s): %s, expected %s\n", login, verb, s->def->table, s->where,
	       status_text(st), expected ? "allowed" : "refused");
	failures++;
}

/* The record as it stands now (its version moves with every save). */
static void *fresh(const struct sample *s)
{
	void *rec = malloc(s->def->size);

	if (rec && get(amt, s->def, ((struct record_head *)s->rec)->id, rec) != STATUS_OK) {
		free(rec);
		return NULL;
	}
	return rec;
}

static bool check(const char *login, const struct sample *s, const char *verb, enum status st,
                  bool expected)
{
	bool allowed = st == STATUS_OK;

	/* refused means refused: not found, denied, or not the role's at all */
	if (allowed != expected) {
		fail(login, s, verb, st, expected);
		return false;
	}
	return true;
}

static bool sweep_sample(struct wire_client *c, const struct cfg_staff *who, const struct sample *s)
{
	const struct record_def *def = s->def;
	uint64_t id = ((struct record_head *)s->rec)->id;
	struct first page = {.def = def, .want_id = id, .who = who};
	bool ok = true, may;
	void *rec = malloc(def->size), *now;
	enum status st;

	if (!rec)
		return false;
	/* list: the request is the role's at all; the sample among them when in its scope */
	page.rec = rec;
	st = def->parent ? list(c, def, s->parent, NULL, NULL, &page)
	                 : list(c, def, 0, "district", record_text(def, s->rec, "district"), &page);
	may = record_scoped_by_parent(def) ? rights_allow(config, who, def, VERB_LIST, s->scope)
	                                   : rights_may(who, def, VERB_LIST);
	ok &= check(who->login, s, "list", st, may);
	if (st == STATUS_OK && page.seen != rights_allow(config, who, def, VERB_LIST, s->scope)) {
		fail(who->login, s, "list (the sample listed)", st, !page.seen);
		ok = false;
	}
	if (page.leaked) {
		printf("#   %s list %s: a field of a class the role may not see came\n", who->login,
		       def->table);
		failures++;
		ok = false;
	}
	/* read, and nothing more than the role sees */
	st = get(c, def, id, rec);
	ok &= check(who->login, s, "read", st, rights_allow(config, who, def, VERB_READ, s->scope));
	if (st == STATUS_OK && leaks(who, def, rec)) {
		printf("#   %s read %s: a field of a class the role may not see came\n", who->login,
		       def->table);
		failures++;
		ok = false;
	}
	/* change: the record saved as it stands */
	if ((now = fresh(s))) {
		st = save(c, def, now);
		ok &= check(who->login, s, "change", st,
		            rights_allow(config, who, def, VERB_CHANGE, s->scope));
		free(now);
	}
	/* create: a copy as a new one (a decision only while its measure
	 * waits: measures.sh decides as each role, in and out of scope) */
	if (def->ids != IDS_COMPUTED && def != &approval_def && (now = fresh(s))) {
		((struct record_head *)now)->id = 0;
		((struct record_head *)now)->version = 0;
		st = save(c, def, now);
		ok &= check(who->login, s, "create", st,
		            rights_allow(config, who, def, VERB_CREATE, s->scope));
		free(now);
	}
	free(rec);
	return ok;
}

/* Ending (deactivating an offer) changes the sample for good: last. */
static bool sweep_end(struct wire_client *c, const struct cfg_staff *who, const struct sample *s)
{
	struct codec_buf *req;
	struct wire_msg reply;

	if (s->def != &offer_def)
		return true;
	req = wire_client_request(c, WIRE_OFFER_DEACTIVATE);
	codec_put_u64(req, WF_ID, ((struct record_head *)s->rec)->id);
	return check(who->login, s, "end", wire_client_call(c, &reply),
	             rights_allow(config, who, s->def, VERB_END, s->scope));
}

static bool sweep_export(struct wire_client *c, const struct cfg_staff *who,
                         const struct record_def *def)
{
	struct wire_msg reply;
	enum status st;
	bool may = rights_may(who, def, VERB_EXPORT);

	codec_put_str(wire_client_request(c, WIRE_EXPORT), WF_KIND, def->table);
	st = wire_client_call(c, &reply);
	if ((st == STATUS_OK) != may) {
		printf("#   %s export %s: %s, expected %s\n", who->login, def->table,
		       status_text(st), may ? "allowed" : "refused");
		failures++;
		return false;
	}
	return true;
}

int main(int argc, char **argv)
{
	struct config_errors errors = {0};
	struct config *loaded;
	struct sample samples[64];
	char msg[512];
	size_t n;

	if (argc != 3)
		return 2;
	socket_path = argv[1];
	if (config_load(argv[2], &loaded, &errors) != STATUS_OK) {
		config_errors_print(&errors, stderr);
		return 2;
	}
	config = loaded;
	if (wire_client_open(socket_path, "amt", 0, &amt, NULL, msg, sizeof(msg)) != STATUS_OK) {
		fprintf(stderr, "rights_sweep: %s\n", msg);
		return 1;
	}
	if (!(n = find_samples(samples, sizeof(samples) / sizeof(samples[0])))) {
		printf("not ok rights: the samples (demo data with cases) are there\n");
		return 1;
	}
	for (size_t l = 0; l < sizeof(logins) / sizeof(logins[0]); l++) {
		const struct cfg_staff *who = &config->staff[config_find_staff(config, logins[l])];
		struct wire_client *c;

		if (wire_client_open(socket_path, who->login, 0, &c, NULL, msg, sizeof(msg)) !=
		    STATUS_OK) {
			printf("not ok rights: %s connects: %s\n", who->login, msg);
			continue;
		}
		for (size_t t = 0; t < record_type_count; t++) {
			const struct record_def *def = record_types[t];
			bool ok = true, any = false;

			for (size_t i = 0; i < n; i++)
				if (samples[i].def == def) {
					ok &= sweep_sample(c, who, &samples[i]);
					any = true;
				}
			if (!any)
				continue;
			if (def == &offer_def || def == &case_def)
				ok &= sweep_export(c, who, def);
			printf("%s rights: %s %s\n", ok ? "ok" : "not ok", who->login, def->table);
		}
		for (size_t i = 0; i < n; i++)
			if (!sweep_end(c, who, &samples[i]))
				printf("not ok rights: %s ends %s (%s)\n", who->login,
				       samples[i].def->table, samples[i].where);
		wire_client_close(c);
	}
	wire_client_close(amt);
	for (size_t i = 0; i < n; i++) {
		if (samples[i].scope != samples[i].rec)
			free(samples[i].scope); /* a child's parent, its own copy */
		free(samples[i].rec);
	}
	config_free(loaded);
	return failures ? 1 : 0;
}
