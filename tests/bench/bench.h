/* Shared by the benchmarks that talk to a running sozialraumd: clocks,
 * latency samples and their median and 99th percentile, and the server's
 * own time per request from its STATS answer. */
#ifndef TESTS_BENCH_H
#define TESTS_BENCH_H

#include <stdbool.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/budget.h"
#include "model/date.h"
#include "wire/client.h"

/* Latency samples in ns, growing as needed. */
struct samples {
	uint64_t *ns;
	size_t n, cap;
};

/* Median and 99th percentile, picked as the server picks them. */
struct summary {
	uint64_t count, median, p99;
};

static inline uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static inline double ms(uint64_t ns)
{
	return (double)ns / 1e6;
}

static inline int samples_add(struct samples *s, uint64_t ns)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 4096;
		uint64_t *p = realloc(s->ns, cap * sizeof(*p));

		if (!p)
			return -1;
		s->ns = p;
		s->cap = cap;
	}
	s->ns[s->n++] = ns;
	return 0;
}

static inline int compare_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

static inline struct summary summarize(struct samples *s)
{
	struct summary sum = {.count = s->n};

	if (s->n == 0)
		return sum;
	qsort(s->ns, s->n, sizeof(*s->ns), compare_u64);
	sum.median = s->ns[s->n / 2];
	sum.p99 = s->ns[s->n * 99 / 100];
	return sum;
}

/* One class of a STATS_PAGE: fields come as NAME COUNT MEDIAN P99 per
 * class, in order, so each number belongs to the name before it. */
static inline void stats_field(const struct codec_field *f, const char *want, bool *in,
                               struct summary *out)
{
	char name[32];
	uint64_t v;

	if (f->tag == WF_KIND) {
		*in = codec_get_str(f, name, sizeof(name)) == STATUS_OK && strcmp(name, want) == 0;
		return;
	}
	if (!*in || codec_get_u64(f, &v) != STATUS_OK)
		return;
	if (f->tag == WF_COUNT)
		out->count = v;
	else if (f->tag == WF_MEDIAN)
		out->median = v;
	else if (f->tag == WF_P99)
		out->p99 = v;
}

static inline enum status server_stats(struct wire_client *admin, bool reset,
                                       const char *class_name, struct summary *out)
{
	struct codec_buf *req = wire_client_request(admin, WIRE_STATS);
	struct wire_msg reply;
	struct codec_reader r;
	struct codec_field f;
	bool in = false;
	enum status st;

	if (reset)
		codec_put_u64(req, WF_RESET, 1);
	if ((st = wire_client_call(admin, &reply)) != STATUS_OK)
		return st;
	if (reply.kind != WIRE_STATS_PAGE || codec_open(&r, reply.data, reply.len) != STATUS_OK)
		return STATUS_ERR_PROTOCOL;
	memset(out, 0, sizeof(*out));
	while (codec_next(&r, &f) == STATUS_OK)
		stats_field(&f, class_name, &in, out);
	return STATUS_OK;
}

/* The figures of a district's year (one index page): the request the
 * budget screen and the dashboard make per district, an interactive read. */
static inline enum status bench_district_figures(struct wire_client *c, int i)
{
	static const char *const districts[] = {"FG", "HM", "GA", "GL"};
	struct codec_buf *req = wire_client_request(c, WIRE_RECORD_LIST);
	struct wire_msg reply;
	uint8_t key[INDEX_KEY_MAX];
	int len = index_put_text_day(key, sizeof(key), districts[i % 4], DATE_YEAR(date_today()));

	codec_put_str(req, WF_TABLE, budget_figure_def.table);
	codec_put_str(req, WF_INDEX, "district_year");
	codec_put_bytes(req, WF_KEY, key, (size_t)len);
	return wire_client_call(c, &reply);
}

/* The server's time per read of the figures of a district's year, as the
 * head of office ("amt") reads them and the admin ("admin") asks the STATS
 * of: WARMUP reads first, then REQUESTS reads or, when 0, as many as
 * SECONDS allow. MSG says why when it fails. */
static inline enum status bench_figures_stats(const char *socket_path, int warmup, int requests,
                                              double seconds, struct summary *sum, char *msg,
                                              size_t size)
{
	struct wire_client *user, *admin;
	struct summary ignored;
	uint64_t end = now_ns() + (uint64_t)(seconds * 1e9);
	enum status st = wire_client_open(socket_path, "amt", 0, &user, NULL, msg, size);

	if (st != STATUS_OK)
		return st;
	if ((st = wire_client_open(socket_path, "admin", 0, &admin, NULL, msg, size)) !=
	    STATUS_OK) {
		wire_client_close(user);
		return st;
	}
	for (int i = 0; i < warmup && st == STATUS_OK; i++)
		st = bench_district_figures(user, i);
	if (st == STATUS_OK)
		st = server_stats(admin, true, "read", &ignored);
	for (int i = 0; st == STATUS_OK && (requests ? i < requests : now_ns() < end); i++)
		st = bench_district_figures(user, i);
	if (st == STATUS_OK)
		st = server_stats(admin, false, "read", sum);
	if (st != STATUS_OK)
		snprintf(msg, size, "%s", status_text(st));
	wire_client_close(user);
	wire_client_close(admin);
	return st;
}

#endif
