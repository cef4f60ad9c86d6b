/* The worker thread: backup and verify (later exports, reports, imports)
 * run here in snapshot transactions, so the interactive thread never waits
 * behind them. Jobs go in a queue; finished ones come back through a list
 * and a byte on the wake pipe, and the loop sends their answers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "model/text.h"
#include "server.h"

#define JOBS_MAX           16 /* queued or running */
#define JOBS_PER_USER      2
#define CHECKPOINT_CHECK_S 60
#define CHECKPOINT_KB      (32 * 1024)
#define CHECKPOINT_MIN     5

struct job {
	struct job *next;
	uint16_t kind;
	uint64_t conn, request;
	char login[CONFIG_LOGIN_SIZE];
	char path[PATH_MAX];
	struct codec_buf reply;
	uint8_t *request_data; /* a copy of the request, for exports */
	size_t request_len;
	int spool_fd; /* an export's CSV text in a spool file, handed to the connection */
	size_t spool_len;
	struct config_ref *config; /* the configuration the job started with */
};

/* Into a new folder of the configured backup directory, which only the
 * service account may enter: the client names no place. */
static void run_backup(struct server *server, struct job *job)
{
	const struct config *config = job->config->config;
	char msg[1024], parent[2 * PATH_MAX], path[2 * PATH_MAX + 64];
	enum status st;

	if (config->backup.dir[0] == '/')
		snprintf(parent, sizeof(parent), "%s", config->backup.dir);
	else
		snprintf(parent, sizeof(parent), "%s/%s", server->data_dir, config->backup.dir);
	st = store_backup_owned(server->store, parent, config->backup.keep, path, sizeof(path), msg,
	                        sizeof(msg));

	if (st != STATUS_OK) {
		server_reply_error(&job->reply, job->request, st, msg);
		return;
	}
	server_log(LOG_NOTICE, "%s made a backup in %s", job->login, path);
	server_audit_admin(server, job->login, "backup", path);
	pthread_mutex_lock(&server->jobs_lock);
	server->worker_did.backup = (int64_t)time(NULL);
	text_copy(server->worker_did.backup_path, sizeof(server->worker_did.backup_path), path);
	pthread_mutex_unlock(&server->jobs_lock);
	wire_begin(&job->reply, WIRE_DONE, job->request);
	codec_put_str(&job->reply, WF_TEXT, path);
}

static void note_verify(struct server *server, const char *login, enum status st,
                        unsigned long problems)
{
	char result[128];

	if (st != STATUS_OK)
		snprintf(result, sizeof(result), "nicht beendet: %s", status_message(st));
	else if (problems)
		snprintf(result, sizeof(result), "%lu Befund%s", problems,
		         problems == 1 ? "" : "e");
	else
		snprintf(result, sizeof(result), "in Ordnung");
	server_audit_admin(server, login, "verify", result);
	pthread_mutex_lock(&server->jobs_lock);
	server->worker_did.verify = (int64_t)time(NULL);
	snprintf(server->worker_did.verify_result, sizeof(server->worker_did.verify_result), "%s",
	         result);
	pthread_mutex_unlock(&server->jobs_lock);
}

static void run_verify(struct server *server, struct job *job)
{
	char *text = NULL;
	size_t len = 0;
	unsigned long problems = 0;
	FILE *out = open_memstream(&text, &len);
	enum status st =
	        out ? store_verify_records(server->store, job->config->config, out, &problems)
	            : STATUS_ERR_NOMEM;

	if (out)
		fclose(out);
	note_verify(server, job->login, st, problems);
	/* Findings beyond what one message holds are cut; the count is exact. */
	if (text && len > WIRE_MAX_MESSAGE / 2)
		text[WIRE_MAX_MESSAGE / 2] = '\0';
	if (st != STATUS_OK)
		server_reply_error(&job->reply, job->request, st, NULL);
	else if (problems)
		server_reply_error(&job->reply, job->request, STATUS_ERR_CORRUPT, text ? text : "");
	else
		wire_begin(&job->reply, WIRE_DONE, job->request);
	free(text);
}

static void run_export(struct server *server, struct job *job)
{
	struct wire_msg request;
	char msg[256];
	enum status st = wire_parse(job->request_data, job->request_len, &request);

	if (st == STATUS_OK)
		st = export_run(server, job->config->config, job->login, &request, &job->spool_fd,
		                &job->spool_len, msg, sizeof(msg));
	else
		snprintf(msg, sizeof(msg), "%s", status_text(st));
	if (st != STATUS_OK)
		server_reply_error(&job->reply, job->request, st, msg);
}

/* The bookings of the file the connection sent, in one transaction. */
static void run_import(struct server *server, struct job *job)
{
	uint64_t booked = 0;
	char *findings = NULL;
	enum status st = import_run(server, job->config->config, job->login, job->spool_fd,
	                            job->spool_len, &booked, &findings);

	if (st == STATUS_OK) {
		server_log(LOG_NOTICE, "%s imported %llu bookings", job->login,
		           (unsigned long long)booked);
		wire_begin(&job->reply, WIRE_DONE, job->request);
		codec_put_u64(&job->reply, WF_COUNT, booked);
	} else {
		/* the findings beyond what one message holds are cut */
		if (findings && strlen(findings) > WIRE_MAX_MESSAGE / 2)
			findings[WIRE_MAX_MESSAGE / 2] = '\0';
		server_reply_error(&job->reply, job->request, st, findings);
	}
	free(findings);
}

static void run_job(struct server *server, struct job *job)
{
	switch (job->kind) {
	case WIRE_BACKUP:
		run_backup(server, job);
		break;
	case WIRE_IMPORT:
		run_import(server, job);
		break;
	case WIRE_EXPORT:
		run_export(server, job);
		break;
	default:
		run_verify(server, job);
		break;
	}
}

/* Between jobs, and at least every CHECKPOINT_CHECK_S: the drafts past
 * their retention are removed (hourly), and a checkpoint is taken when
 * CHECKPOINT_KB of log were written or CHECKPOINT_MIN minutes passed:
 * recovery after a crash then replays little, and the log files before
 * it become removable after the next backup. */
static void maybe_checkpoint(struct server *server)
{
	int64_t when = 0;
	unsigned long n;

	/* Once an hour, the drafts past their retention go (the worker's own
	 * field: no lock). */
	if (time(NULL) - server->drafts_purged >= 3600) {
		struct config_ref *ref = server_config_get(server);

		server->drafts_purged = time(NULL);
		if ((n = drafts_purge(server->store, ref->config->retention.draft_days)) > 0)
			server_log(LOG_NOTICE, "%lu drafts past their retention removed", n);
		server_config_put(server, ref);
	}
	if (store_checkpoint(server->store, CHECKPOINT_KB, CHECKPOINT_MIN, &when) != STATUS_OK)
		server_log(LOG_ERR, "checkpoint failed");
	pthread_mutex_lock(&server->jobs_lock);
	server->worker_did.checkpoint = when;
	pthread_mutex_unlock(&server->jobs_lock);
}

/* The next job, waiting at most CHECKPOINT_CHECK_S for one (NULL: none
 * came, or the worker is to stop: *STOP). */
static struct job *next_job(struct server *server, bool *stop)
{
	struct timespec until;
	struct job *job;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += CHECKPOINT_CHECK_S;
	pthread_mutex_lock(&server->jobs_lock);
	while (!server->jobs && !server->worker_stop &&
	       pthread_cond_timedwait(&server->jobs_cond, &server->jobs_lock, &until) == 0)
		;
	job = server->jobs;
	if (job)
		server->jobs = job->next;
	*stop = server->worker_stop;
	pthread_mutex_unlock(&server->jobs_lock);
	return job;
}

static void *worker_main(void *arg)
{
	struct server *server = arg;
	struct job *job;
	bool stop = false;

	while (!stop) {
		if (!(job = next_job(server, &stop))) {
			if (!stop)
				maybe_checkpoint(server);
			continue;
		}
		pthread_mutex_lock(&server->jobs_lock);
		snprintf(server->worker_did.running, sizeof(server->worker_did.running), "%s",
		         job->login);
		pthread_mutex_unlock(&server->jobs_lock);
		run_job(server, job);
		pthread_mutex_lock(&server->jobs_lock);
		server->worker_did.running[0] = '\0';
		job->next = server->done;
		server->done = job;
		server->worker_did.jobs--;
		pthread_mutex_unlock(&server->jobs_lock);
		if (write(server->wake[1], "w", 1) < 0) {
			/* The pipe is full: the loop wakes anyway. */
		}
		maybe_checkpoint(server);
	}
	return NULL;
}

int worker_start(struct server *server)
{
	pthread_mutex_init(&server->jobs_lock, NULL);
	pthread_cond_init(&server->jobs_cond, NULL);
	return pthread_create(&server->worker, NULL, worker_main, server);
}

static void free_jobs(struct server *server, struct job *job)
{
	while (job) {
		struct job *next = job->next;

		server_config_put(server, job->config);
		codec_buf_free(&job->reply);
		free(job->request_data);
		if (job->spool_fd >= 0)
			close(job->spool_fd);
		free(job);
		job = next;
	}
}

void worker_stop(struct server *server)
{
	struct job *queued;

	pthread_mutex_lock(&server->jobs_lock);
	server->worker_stop = true;
	queued = server->jobs; /* not started: their clients are gone too */
	server->jobs = NULL;
	pthread_cond_signal(&server->jobs_cond);
	pthread_mutex_unlock(&server->jobs_lock);
	free_jobs(server, queued); /* outside the lock: releasing a configuration takes it */
	pthread_join(server->worker, NULL);
	free_jobs(server, server->done);
	server->done = NULL;
}

/* Room for one more job of LOGIN (under jobs_lock): a bounded queue, and
 * a few jobs per user, so that one user's flood of exports neither fills
 * memory nor makes the others' backup and verify wait. */
static bool job_room(const struct server *server, const char *login)
{
	unsigned mine = strcmp(server->worker_did.running, login) == 0;

	for (const struct job *j = server->jobs; j; j = j->next)
		mine += strcmp(j->login, login) == 0;
	return server->worker_did.jobs < JOBS_MAX && mine < JOBS_PER_USER;
}

enum status worker_submit(struct server *server, struct conn *conn, const struct wire_msg *request)
{
	struct job *job, **tail;
	bool room;

	pthread_mutex_lock(&server->jobs_lock);
	room = job_room(server, conn->login);
	pthread_mutex_unlock(&server->jobs_lock);
	if (!room)
		return STATUS_ERR_LIMIT;
	if (!(job = calloc(1, sizeof(*job))))
		return STATUS_ERR_NOMEM;
	job->kind = request->kind;
	job->conn = conn->number;
	job->request = request->request;
	snprintf(job->login, sizeof(job->login), "%s", conn->login);
	if (job->kind == WIRE_BACKUP &&
	    wire_get_str(request, WF_PATH, job->path, sizeof(job->path)) != STATUS_ERR_NOT_FOUND) {
		free(job);
		return STATUS_ERR_DENIED; /* the server writes only where it owns the place */
	}
	codec_buf_init(&job->reply);
	job->spool_fd = -1;
	if (job->kind == WIRE_IMPORT) { /* the file the connection sent: the job's now */
		if (conn->import_fd < 0) {
			free(job);
			return STATUS_ERR_INVALID;
		}
		job->spool_fd = conn->import_fd;
		job->spool_len = conn->import_len;
		conn->import_fd = -1;
		conn->import_len = 0;
	}
	job->config = server_config_get(server);
	if (job->kind == WIRE_EXPORT) {
		job->request_data = malloc(request->len);
		if (!job->request_data) {
			server_config_put(server, job->config);
			free(job);
			return STATUS_ERR_NOMEM;
		}
		memcpy(job->request_data, request->data, request->len);
		job->request_len = request->len;
	}
	pthread_mutex_lock(&server->jobs_lock);
	for (tail = &server->jobs; *tail; tail = &(*tail)->next)
		;
	*tail = job;
	server->worker_did.jobs++;
	pthread_cond_signal(&server->jobs_cond);
	pthread_mutex_unlock(&server->jobs_lock);
	return STATUS_OK;
}

void worker_collect(struct server *server)
{
	struct job *done;

	pthread_mutex_lock(&server->jobs_lock);
	done = server->done;
	server->done = NULL;
	pthread_mutex_unlock(&server->jobs_lock);
	for (struct job *job = done; job; job = job->next) {
		struct conn *conn = server_find_conn(server, job->conn);

		if (conn && job->kind == WIRE_EXPORT && job->reply.len == 0) {
			export_reply(conn, job->request, job->spool_fd, job->spool_len,
			             &job->reply);
			job->spool_fd = -1; /* the connection has it now */
		}
		server_send_to(server, job->conn, &job->reply);
	}
	free_jobs(server, done);
}
