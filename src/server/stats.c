/* Server time per interactive request: from reading the request to sending
 * its answer, the log sync of a save included. The last STATS_SAMPLES of
 * reads and of saves are kept; STATS gives their median and 99th
 * percentile, so the benchmark reads what the server itself measured. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/server_status.h"
#include "model/text.h"
#include "server.h"

static const char *const class_names[STATS_CLASSES] = {"other", "read", "save"};

uint64_t stats_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void stats_add(struct server *server, int class, uint64_t started)
{
	struct stats *stats = server->stats;
	uint64_t ns = stats_now() - started;

	if (!stats || class <= STATS_NONE || class >= STATS_CLASSES)
		return;
	stats->samples[class][stats->count[class] % STATS_SAMPLES] =
	        ns > UINT32_MAX ? UINT32_MAX : (uint32_t)ns;
	stats->count[class]++;
}

static int compare_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/* Median and 99th percentile of one class's kept samples. */
static void put_class(struct codec_buf *reply, const struct stats *stats, int class,
                      uint32_t *sorted)
{
	size_t n = stats->count[class] < STATS_SAMPLES ? stats->count[class] : STATS_SAMPLES;

	memcpy(sorted, stats->samples[class], n * sizeof(*sorted));
	qsort(sorted, n, sizeof(*sorted), compare_u32);
	codec_put_str(reply, WF_KIND, class_names[class]);
	codec_put_u64(reply, WF_COUNT, stats->count[class]);
	codec_put_u64(reply, WF_MEDIAN, n ? sorted[n / 2] : 0);
	codec_put_u64(reply, WF_P99, n ? sorted[n * 99 / 100] : 0);
}

enum status handle_stats(struct server *server, struct conn *conn, const struct wire_msg *req,
                         struct codec_buf *reply)
{
	uint32_t *sorted = malloc(STATS_SAMPLES * sizeof(*sorted));
	uint64_t reset = 0;

	(void)conn;
	if (!sorted || !server->stats) {
		free(sorted);
		return STATUS_ERR_NOMEM;
	}
	if (wire_get_u64(req, WF_RESET, &reset) == STATUS_ERR_PROTOCOL) {
		free(sorted);
		return STATUS_ERR_PROTOCOL;
	}
	wire_begin(reply, WIRE_STATS_PAGE, req->request);
	for (int class = STATS_READ; class < STATS_CLASSES; class ++)
		put_class(reply, server->stats, class, sorted);
	if (reset)
		memset(server->stats->count, 0, sizeof(server->stats->count));
	free(sorted);
	return STATUS_OK;
}

/* STATUS: how the server is doing, as a server_status record. */
enum status handle_status(struct server *server, struct conn *conn, const struct wire_msg *req,
                          struct codec_buf *reply)
{
	struct server_status st = {.head = {.version = 1}, .started = (int64_t)server->started};

	(void)conn;
	for (struct conn *c = server->conns; c; c = c->next)
		st.sessions += c->staff >= 0;
	st.locks = (int64_t)server->nlocks;
	store_log_size(server->store, &st.log_files, &st.log_bytes);
	pthread_mutex_lock(&server->jobs_lock);
	st.jobs = server->worker_did.jobs;
	st.checkpoint = server->worker_did.checkpoint;
	st.backup = server->worker_did.backup;
	st.verify = server->worker_did.verify;
	text_copy(st.backup_path, sizeof(st.backup_path), server->worker_did.backup_path);
	text_copy(st.verify_result, sizeof(st.verify_result), server->worker_did.verify_result);
	pthread_mutex_unlock(&server->jobs_lock);
	wire_begin(reply, WIRE_RECORD, req->request);
	server_put_record(reply, &server_status_def, &st);
	return STATUS_OK;
}
