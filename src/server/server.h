/* sozialraumd's internals: connections, sessions, edit locks, the request
 * handlers and the worker thread for long work. */
#ifndef SERVER_SERVER_H
#define SERVER_SERVER_H

#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/types.h>
#include <time.h>

#include "model/config.h"
#include "model/rights.h"
#include "store/store.h"
#include "wire/wire.h"

/* Where a page of a list ended, behind the token the client was given. */
#define CONN_POSITIONS 48
struct conn_position {
	uint64_t token;
	struct store_pos pos;
};

struct conn {
	struct conn *next;
	uint64_t number;
	int fd;
	uid_t uid;
	pid_t pid;
	time_t opened;
	int staff; /* index into config->staff; -1 until HELLO */
	char login[CONFIG_LOGIN_SIZE];
	unsigned bad_messages;
	bool closing;      /* drop after the pending answers are sent */
	int request_class; /* enum stats_class of the request being handled */
	int export_fd;     /* a finished export being fetched in pieces (spooled), or -1 */
	size_t export_len;
	int import_fd; /* a file to import, as its pieces came (spooled), or -1 */
	size_t import_len;
	bool events; /* the session asked for events */
	struct conn_position positions[CONN_POSITIONS];
	uint64_t next_position;
};

/* An edit lock lives in memory and belongs to one connection: it goes away
 * the moment that connection closes, for whatever reason. */
struct edit_lock {
	uint64_t number;
	const struct record_def *def;
	uint64_t record;
	uint64_t conn;
	char login[CONFIG_LOGIN_SIZE];
	char name[CONFIG_NAME_SIZE];
	time_t since;
};

/* An answer waiting for the end of the poll round: saves of one round
 * share one log sync before any of them is acknowledged. */
struct pending {
	uint64_t conn;
	struct codec_buf buf;
	int class;        /* enum stats_class */
	uint64_t started; /* ns, when the request was read */
};

/* Server time per interactive request, kept for the benchmark and the
 * admin: the last STATS_SAMPLES of each class. */
enum stats_class { STATS_NONE, STATS_READ, STATS_SAVE, STATS_CLASSES };
#define STATS_SAMPLES 65536
struct stats {
	uint32_t samples[STATS_CLASSES][STATS_SAMPLES]; /* ns */
	uint64_t count[STATS_CLASSES];
};

struct job; /* worker.c */

/* A configuration and the number of its users: the server while it is in
 * force, and every job of the worker that started under it. A SIGHUP
 * replaces the server's; the last user frees it. */
struct config_ref {
	struct config *config;
	uid_t *uids;    /* the Unix uid of each staff entry; (uid_t)-1: none */
	unsigned users; /* under jobs_lock */
};

/* A reload on its own thread (reload.c); DONE and its results under
 * jobs_lock. */
struct reload {
	pthread_t thread;
	bool running, done, again;
	enum status status;
	struct config_ref *ref;
	struct config_errors errors;
};

/* A committed save that the sessions it concerns are told about after
 * the round's sync: the record that decides who may see it (the record,
 * or its parent), copied. */
struct event {
	const struct record_def *def;
	uint64_t id;
	uint64_t origin; /* the connection that saved: not told */
	char login[CONFIG_LOGIN_SIZE];
	void *scope_rec;
};

/* What the worker did last, for STATUS (under jobs_lock). */
struct worker_record {
	int64_t checkpoint, backup, verify;
	char backup_path[PATH_MAX];
	char verify_result[128];
	unsigned jobs;                   /* queued or running */
	char running[CONFIG_LOGIN_SIZE]; /* whose job runs now; "" when none */
};

struct server {
	const char *config_path;
	time_t started;
	struct config *config; /* current->config, for the interactive thread */
	struct config_ref *current;
	char data_dir[PATH_MAX];
	char socket_path[PATH_MAX];
	struct store *store;
	int listen_fd;
	int spare_fd; /* given up for a moment when out of descriptors */
	int wake[2];  /* the worker and signal handlers write a byte here */
	bool foreground;

	struct conn *conns;
	size_t nconns;
	uint64_t next_conn;

	struct edit_lock *locks;
	size_t nlocks, locks_cap;
	uint64_t next_lock;

	struct pending *pending;
	size_t npending, pending_cap;
	struct event *events;
	size_t nevents, events_cap;
	bool needs_flush;
	uint64_t deferred_writes; /* commits so far that wait for a sync */

	struct stats *stats;

	pthread_t worker;
	pthread_mutex_t jobs_lock;
	pthread_cond_t jobs_cond;
	struct job *jobs, *done;
	bool worker_stop;
	struct worker_record worker_did;
	time_t drafts_purged; /* the worker's: when it last purged old drafts */
	struct reload reload;
};

extern volatile sig_atomic_t server_got_hup, server_got_term;

/* Logging: stderr in the foreground, syslog otherwise. */
void server_log(int priority, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void server_log_init(bool foreground);

/* server.c: the loop. */
int server_run(struct server *server);

/* handlers.c: one message from a connection; the answer goes into REPLY.
 * Returns false when the connection must be dropped. */
bool server_handle(struct server *server, struct conn *conn, const void *data, size_t len,
                   struct codec_buf *reply);
void server_reply_error(struct codec_buf *reply, uint64_t request, enum status st,
                        const char *text);
const struct cfg_staff *server_staff(const struct server *server, const struct conn *conn);

typedef enum status handler_fn(struct server *server, struct conn *conn, const struct wire_msg *req,
                               struct codec_buf *reply);
void server_put_record(struct codec_buf *reply, const struct record_def *def, const void *rec);
void server_put_holder(struct codec_buf *reply, const struct edit_lock *lock);

/* records.c: the record service, the same for every registered type. */
handler_fn handle_record_list, handle_record_get, handle_record_save;
handler_fn handle_duplicates; /* duplicates.c */
/* The record type named by WF_TABLE of REQ; NULL when there is none. */
const struct record_def *records_type(const struct wire_msg *req);
/* Reads record ID of DEF for CONN in TXN and checks that the caller may
 * do VERB to it (STATUS_ERR_NOT_FOUND when it may not even see it). */
enum status records_read(struct server *server, const struct conn *conn, struct store_txn *txn,
                         const struct record_def *def, uint64_t id, enum right_verb verb,
                         void *rec);
/* The one write path of every record: the whole record validated by the
 * model, another session's edit lock, the rights for VERB on the stored
 * and the new record, the version check, exactly once by request id,
 * the user's draft dropped, the audit entry, all in one transaction; the
 * answer (RECORD, or ERROR with the field's message or the lock's holder)
 * goes into REPLY, and the sessions it concerns get an event after the
 * sync. REC is changed to what was stored. */
enum status records_write(struct server *server, struct conn *conn, const struct wire_msg *req,
                          const struct record_def *def, void *rec, enum right_verb verb,
                          struct codec_buf *reply);
/* A page being filled: it ends when MAX records are in it, SCAN entries
 * were read, or the answer is half a message long. records_page_next
 * says whether the entry at POS may still be read (and counts it);
 * records_page_end puts the token for where it ended when more follow. */
struct page_bound {
	unsigned max, scan;
	unsigned count, read;
	struct store_pos first, last; /* the first and the last record read */
	bool more;
};
bool records_page_next(struct page_bound *b, const struct codec_buf *reply,
                       const struct store_pos *pos);
void records_page_end(struct conn *conn, struct codec_buf *reply, const struct page_bound *b);

/* Where a page ended: kept in CONN, a token for it into REPLY (TAG:
 * WF_AFTER, or WF_FIRST for where it began);
 * get: the position of the request's token (*GIVEN false when it has
 * none; STATUS_ERR_NOT_FOUND for one the connection no longer keeps). */
void records_put_position(struct conn *conn, struct codec_buf *reply, int tag,
                          const struct store_pos *pos);
enum status records_get_position(const struct conn *conn, const struct wire_msg *req,
                                 struct store_pos *pos, bool *given);
/* events.c: an event to the sessions that may list the record (SCOPE_COPY,
 * scope_size bytes, is the event's to free), but the writer's own (it
 * knows what it saved) unless TO_WRITER: a change it did not make itself
 * (the case its assessment settled). */
void events_queue(struct server *server, const struct conn *conn, const struct record_def *def,
                  const struct record_head *head, void *scope_copy, bool to_writer);
/* One event of KIND about record ID of DEF, by LOGIN, to connection CONN
 * (whether or not it asked for events: it concerns its own edit lock). */
void events_send_to(struct server *server, uint64_t conn, const struct record_def *def, uint64_t id,
                    const char *login, const char *kind);
/* Sends the events of the round (after its sync) and forgets them. */
void events_send(struct server *server);

/* offers.c: what is really about offers. */
handler_fn handle_offer_deactivate;

/* drafts.c */
handler_fn handle_draft_put, handle_draft_list, handle_draft_delete;
/* Drops the drafts last sent more than DAYS ago (the configured
 * retention), on the worker thread; returns how many. */
unsigned long drafts_purge(struct store *store, int days);
/* Drops LOGIN's draft of TABLE's record RECORD in TXN, if there is one
 * (a save makes it obsolete). */
enum status drafts_drop(struct store_txn *txn, const char *login, const char *table,
                        uint64_t record);

/* An admin's action in the audit log, in its own transaction (either
 * thread): who, what, and a detail. */
void server_audit_admin(struct server *server, const char *login, const char *action,
                        const char *detail);

/* stats.c */
uint64_t stats_now(void);
void stats_add(struct server *server, int class, uint64_t started);
handler_fn handle_stats, handle_status;

/* records.c: what a writer's fill reads in its transaction (CTX), for
 * record_fill.get and .find. */
enum status records_get_in_txn(void *ctx, const struct record_def *def, uint64_t id, void *rec);
enum status records_find_in_txn(void *ctx, const struct record_def *def, const char *index,
                                const uint8_t *key, size_t len, void *rec);

/* import.c: the pieces of a file to import (interactive), and on the
 * worker thread its bookings, all in one transaction or none. */
handler_fn handle_import_data;
enum status import_run(struct server *server, const struct config *config, const char *login,
                       int fd, size_t len, uint64_t *booked, char **findings);

/* A file without a name in DIR (gone when its descriptor closes), or -1. */
int server_spool_open(const char *dir);

/* export.c: on the worker thread, the CSV text of an export request,
 * under the configuration CONFIG the job started with. */
/* The committee report's rows (report.c) for export "committee": every
 * figure of YEAR and the year before, per district WHO may export the
 * budget of, and for the city. */
struct csv;
enum status report_committee_rows(struct store_txn *txn, const struct config *config,
                                  const struct cfg_staff *who, struct csv *csv, int year);
/* The federal statistics (statistics.c) for export "statistics": a row
 * per help due in YEAR and per § 8a procedure completed in it, as WHO may
 * export them (DISTRICT "": all), under the header STATISTICS_HEADER; with
 * MISSING_ONLY (export "statistics-missing") the fields those records
 * lack, with case number, lead and the lead's name, sorted by lead. */
extern const char statistics_header[];
enum status statistics_rows(struct store_txn *txn, const struct config *config,
                            const struct cfg_staff *who, struct csv *csv, int year,
                            const char *district, bool missing_only);
enum status export_run(struct server *server, const struct config *config, const char *login,
                       const struct wire_msg *request, int *fd, size_t *len, char *msg,
                       size_t size);
handler_fn handle_export_next;
/* The first piece of a finished export (spool file FD of LEN bytes, now
 * the connection's), or its error, into REPLY. */
void export_reply(struct conn *conn, uint64_t request, int fd, size_t len, struct codec_buf *reply);

/* locks.c */
struct edit_lock *locks_find(struct server *server, const struct record_def *def, uint64_t record);
enum status locks_take(struct server *server, const struct conn *conn, const struct record_def *def,
                       uint64_t record, struct edit_lock **holder);
void locks_release(struct server *server, const struct conn *conn, const struct record_def *def,
                   uint64_t record);
void locks_release_conn(struct server *server, uint64_t conn);
struct edit_lock *locks_by_number(struct server *server, uint64_t number);
bool locks_release_number(struct server *server, uint64_t number);

/* worker.c: long work off the interactive path. */
int worker_start(struct server *server);
void worker_stop(struct server *server);
/* Queues KIND for CONN; the answer is sent when the worker is done. */
enum status worker_submit(struct server *server, struct conn *conn, const struct wire_msg *request);
/* Sends the answers of finished jobs. */
void worker_collect(struct server *server);

struct conn *server_find_conn(struct server *server, uint64_t number);
/* A write committed without sync: its answer waits for the round's flush. */
void server_deferred(struct server *server);
/* Ends a write transaction: aborts it when ST is an error (and returns
 * ST), else commits it for the round's sync. */
enum status server_finish_write(struct server *server, struct store_txn *txn, enum status st);

/* reload.c: the configuration in force, for a job (one more user), and a
 * job's release of it (the last user frees it); a new one with the uids
 * of its staff (one user); the staff entry of a uid, or -1; the reload. */
struct config_ref *server_config_get(struct server *server);
void server_config_put(struct server *server, struct config_ref *ref);
struct config_ref *config_ref_new(struct config *config);
int server_staff_of_uid(const struct server *server, uid_t uid);
void reload_start(struct server *server);
void reload_finish(struct server *server);
void reload_stop(struct server *server);

/* Sends BUF to connection number CONN if it is still there. */
void server_send_to(struct server *server, uint64_t conn, const struct codec_buf *buf);

#endif
