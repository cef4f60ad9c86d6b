/* Exports: CSV for German Excel (model/csv.h), written on the worker
 * thread in a snapshot transaction, then fetched by the client in pieces
 * that fit a message. Only what the caller may see goes in. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/audit.h"
#include "model/csv.h"
#include "model/booking.h"
#include "model/budget.h"
#include "model/case.h"
#include "model/date.h"
#include "model/measure.h"
#include "model/offer.h"
#include "model/registry.h"
#include "model/rights.h"
#include "server.h"

#define EXPORT_PIECE (48 * 1024)

static const char *const offer_columns[] = {
        "district",    "provider",  "name",     "kind",          "target_group",
        "address",     "times",     "contact",  "low_threshold", "budget_line",
        "active_from", "active_to", "inactive", "description",   NULL};
static const char *const case_columns[] = {"number", "district", "team",   "lead",
                                           "status", "opened",   "closed", NULL};
static const char *const booking_columns[] = {"date",     "amount", "measure_id", "offer_id",
                                              "district", "line",   NULL};
static const char *const measure_columns[] = {"case_number", "district", "service", "provider",
                                              "cost_model",  "rate",     "hours",   "start",
                                              "end",         "status",   NULL};

struct export_job;
static void measure_committed(struct export_job *ex, const void *rec);
static enum status budget_rows(struct export_job *ex);
static enum status committee_rows(struct export_job *ex);
static enum status statistics_export_rows(struct export_job *ex);
static enum status statistics_check_rows(struct export_job *ex);

/* What can be exported, by the record type's table name: its columns (by
 * field; the headers are the fields' German labels), whether the record's
 * number comes first, and the fields that say when it was active (the
 * --year filter keeps those active in that year). */
static const struct export_kind {
	const struct record_def *def;
	const char *const *columns;
	const char *id_column; /* the header of the record's number first; NULL: none */
	const char *from_field, *to_field;
	/* a last column computed from more than the record (its header, its
	 * cell); NULL when none */
	const char *extra_column;
	void (*extra)(struct export_job *ex, const void *rec);
	/* the header row in design.md's words, when the labels are not
	 * (NULL: the labels); an export whose rows are no records of DEF's
	 * (DEF decides who may export it): its name, and what writes its rows */
	const char *name;
	const char *header;
	enum status (*rows)(struct export_job *ex);
} export_kinds[] = {
        {&offer_def, offer_columns, "Nr.", "active_from", "active_to", NULL, NULL},
        {&case_def, case_columns, NULL, "opened", "closed", NULL, NULL},
        {&measure_def, measure_columns, "Maßnahme", "start", "end", "Gebunden", measure_committed},
        {&booking_def, booking_columns, "Buchung", "date", "date", NULL, NULL, NULL,
         "Buchung;Datum;Betrag;Maßnahme;Angebot;Sozialraum;Budgetlinie", NULL},
        {&budget_figure_def, NULL, NULL, NULL, NULL, NULL, NULL, "budget",
         "Sozialraum;Budgetlinie;Plan;Gebunden;Ausgegeben;Offen;Verfügbar;Prognose", budget_rows},
        /* the committee report's figures (report.c); the budget's rights */
        {&budget_figure_def, NULL, NULL, NULL, NULL, NULL, NULL, "committee",
         "Abschnitt;Kennzahl;Bereich;Einheit;Jahr;Vorjahr", committee_rows},
        /* the federal statistics (statistics.c): the measures' rights, and
         * the fields their records lack (statistics check) */
        {&measure_def, NULL, NULL, NULL, NULL, NULL, NULL, "statistics", statistics_header,
         statistics_export_rows},
        {&measure_def, NULL, NULL, NULL, NULL, NULL, NULL, "statistics-missing",
         "Fall;Fallführung;Name;Hilfe/Verfahren;fehlt", statistics_check_rows},
};

struct export_job {
	const struct export_kind *kind;
	/* the list of any record type (no export kind of its own): the
	 * parent whose children it is (0: the whole table) */
	uint64_t parent;
	bool parent_checked; /* the rights were decided on the parent */
	const struct config *config;
	const struct cfg_staff *who;
	const char *district;
	int32_t year_start, year_end; /* active in that year; 0 = any */
	struct csv *csv;
	struct store_txn *txn;
	struct approval *approvals; /* MEASURE_APPROVALS_MAX: a measure's decisions */
	size_t napprovals;
};

/* The year an export is of: --year, else the current one. */
static int year_of(const struct export_job *ex)
{
	return ex->year_start ? DATE_YEAR(ex->year_start) : DATE_YEAR(date_today());
}

static int add_approval(void *ctx, const void *rec, const struct store_pos *pos)
{
	struct export_job *ex = ctx;

	(void)pos;
	if (ex->napprovals == MEASURE_APPROVALS_MAX)
		return 1;
	ex->approvals[ex->napprovals++] = *(const struct approval *)rec;
	return 0;
}

/* budget: every district's lines of the year (the current one without
 * --year), from the aggregates: planned from the configuration, what is
 * committed, spent and open as the store keeps it, available and the
 * year-end forecast from them. Nothing is summed here. */
static enum status budget_rows(struct export_job *ex)
{
	int year = year_of(ex);
	enum status st = STATUS_OK;

	for (size_t d = 0; d < ex->config->ndistricts && st == STATUS_OK; d++)
		for (int line = 0; line < BUDGET_LINE_COUNT && st == STATUS_OK; line++) {
			struct budget_figure f = {.year = year, .line = line};
			int64_t planned = config_budget_planned(ex->config, year, (int)d, line);

			snprintf(f.district, sizeof(f.district), "%s", ex->config->districts[d].id);
			if ((ex->district[0] && strcmp(f.district, ex->district) != 0) ||
			    !rights_allow(ex->config, ex->who, &budget_figure_def, VERB_EXPORT, &f))
				continue;
			st = store_get(ex->txn, &budget_figure_def, budget_figure_def.make_id(&f),
			               &f);
			if (st == STATUS_ERR_NOT_FOUND) { /* nothing committed or spent yet */
				f.committed = f.spent = f.open = 0;
				st = STATUS_OK;
			}
			if (st != STATUS_OK)
				break;
			csv_text(ex->csv, f.district);
			csv_text(ex->csv, budget_line_labels[line]);
			csv_money(ex->csv, planned);
			csv_money(ex->csv, f.committed);
			csv_money(ex->csv, f.spent);
			csv_money(ex->csv, f.open);
			csv_money(ex->csv, budget_available(planned, &f));
			csv_money(ex->csv, budget_forecast(&f));
			csv_end_row(ex->csv);
		}
	return st;
}

static enum status committee_rows(struct export_job *ex)
{
	return report_committee_rows(ex->txn, ex->config, ex->who, ex->csv, year_of(ex));
}

static enum status statistics_export_rows(struct export_job *ex)
{
	return statistics_rows(ex->txn, ex->config, ex->who, ex->csv, year_of(ex), ex->district,
	                       false);
}

static enum status statistics_check_rows(struct export_job *ex)
{
	return statistics_rows(ex->txn, ex->config, ex->who, ex->csv, year_of(ex), ex->district,
	                       true);
}

/* Gebunden: what the measure's approvals commit within the year (the
 * current one without --year), by the budget arithmetic. */
static void measure_committed(struct export_job *ex, const void *rec)
{
	const struct measure *m = rec;
	struct cost_segment segs[MEASURE_APPROVALS_MAX];
	uint8_t key[8];
	struct store_range range = {.index = "parent", .prefix = key};
	int year = year_of(ex);
	size_t n;

	range.prefix_len = (size_t)index_put_id(key, sizeof(key), m->head.id);
	ex->napprovals = 0;
	if (ex->approvals)
		store_walk(ex->txn, &approval_def, &range, add_approval, ex);
	n = measure_segments(m, ex->approvals, ex->napprovals, segs, MEASURE_APPROVALS_MAX);
	csv_money(ex->csv, cost_in_year(m->cost_model, segs, n, year));
}

static int32_t date_of(const struct record_def *def, const void *rec, const char *field)
{
	int64_t v = 0;

	record_field_number(record_field(def, field), rec, &v);
	return (int32_t)v;
}

static int export_row(void *ctx, const void *rec)
{
	struct export_job *ex = ctx;
	const struct record_def *def = ex->kind->def;
	int32_t from = date_of(def, rec, ex->kind->from_field);
	int32_t to = date_of(def, rec, ex->kind->to_field);

	if (ex->district[0] &&
	    strcmp(record_text(def, rec, def->district_field), ex->district) != 0)
		return 0;
	if (ex->year_start && (from > ex->year_end || (to && to < ex->year_start)))
		return 0;
	if (!rights_allow(ex->config, ex->who, def, VERB_EXPORT, rec))
		return 0;
	if (ex->kind->id_column)
		csv_int(ex->csv, (int64_t)((const struct record_head *)rec)->id);
	csv_record_cells(ex->csv, def, ex->kind->columns, rec);
	if (ex->kind->extra)
		ex->kind->extra(ex, rec);
	csv_end_row(ex->csv);
	return csv_status(ex->csv) != STATUS_OK;
}

static enum status export_records(struct server *server, struct export_job *ex, FILE *out)
{
	struct csv csv;
	struct store_txn *txn;
	enum status st = store_begin_snapshot(server->store, &txn);

	if (st != STATUS_OK)
		return st;
	csv_open_file(&csv, out);
	csv_bom(&csv);
	ex->csv = &csv;
	ex->txn = txn;
	/* the header: design.md's words where given, else the labels */
	for (const char *h = ex->kind->header, *end; h; h = end ? end + 1 : NULL) {
		char cell[64];

		end = strchr(h, ';');
		snprintf(cell, sizeof(cell), "%.*s", end ? (int)(end - h) : (int)strlen(h), h);
		csv_text(&csv, cell);
	}
	if (!ex->kind->header && ex->kind->id_column)
		csv_text(&csv, ex->kind->id_column);
	if (!ex->kind->header)
		csv_header_cells(&csv, ex->kind->def, ex->kind->columns);
	if (!ex->kind->header && ex->kind->extra_column)
		csv_text(&csv, ex->kind->extra_column);
	csv_end_row(&csv);
	if (ex->kind->rows) {
		st = ex->kind->rows(ex);
		store_abort(txn);
		return st == STATUS_OK ? csv_status(&csv) : st;
	}
	if (ex->kind->extra &&
	    !(ex->approvals = calloc(MEASURE_APPROVALS_MAX, sizeof(*ex->approvals))))
		st = STATUS_ERR_NOMEM;
	if (st == STATUS_OK)
		st = store_scan(txn, ex->kind->def, 0, export_row, ex);
	free(ex->approvals);
	store_abort(txn);
	return st == STATUS_OK ? csv_status(&csv) : st;
}

/* A row of a record list: the caller may list it (its parent was
 * checked, or the record decides its own rights). */
static int list_row(void *ctx, const void *rec, const struct store_pos *pos)
{
	struct export_job *ex = ctx;
	const struct record_def *def = ex->kind->def;

	(void)pos;
	if (!ex->parent_checked && !rights_allow(ex->config, ex->who, def, VERB_LIST, rec))
		return 0;
	csv_int(ex->csv, (int64_t)((const struct record_head *)rec)->id);
	csv_record_cells(ex->csv, def, ex->kind->columns, rec);
	csv_end_row(ex->csv);
	return csv_status(ex->csv) != STATUS_OK;
}

/* The list of any record type as the caller may list it, with the
 * fields the caller sees: a parent's children, or the whole table. */
static enum status list_rows(struct export_job *ex)
{
	const struct record_def *def = ex->kind->def;
	uint8_t key[8];
	struct store_range range = {0};
	void *parent;
	enum status st;

	if (ex->parent) {
		if (!(parent = malloc(def->parent->size)))
			return STATUS_ERR_NOMEM;
		st = store_get(ex->txn, def->parent, ex->parent, parent);
		/* one the caller may not list is one they do not hear of */
		if (st == STATUS_OK && record_scoped_by_parent(def) &&
		    !rights_allow(ex->config, ex->who, def, VERB_LIST, parent))
			st = STATUS_ERR_NOT_FOUND;
		free(parent);
		if (st != STATUS_OK)
			return st;
		ex->parent_checked = record_scoped_by_parent(def);
		range.index = "parent";
		range.prefix = key;
		range.prefix_len = (size_t)index_put_id(key, sizeof(key), ex->parent);
	}
	return store_walk(ex->txn, ex->kind->def, &range, list_row, ex);
}

/* The list of record type TABLE as an export: the record's number, then
 * each field the caller sees (so that controlling gets no names), into
 * LIST; *SEEN holds the names (the caller frees it). */
static enum status list_kind(struct export_job *ex, const char *table, struct export_kind *list,
                             const char ***seen, char *msg, size_t size)
{
	const struct record_def *def = record_type_find(table);
	size_t n = 0;

	if (!def) {
		snprintf(msg, size,
		         "unknown export '%s' (this version exports: offers, cases, measures, "
		         "bookings, budget, committee, statistics, statistics-missing, and the "
		         "list of any record type by its table)",
		         table);
		return STATUS_ERR_INVALID;
	}
	if (ex->parent && !def->parent) {
		snprintf(msg, size, "%s belong to no other record", def->table);
		return STATUS_ERR_INVALID;
	}
	if (!ex->parent && record_scoped_by_parent(def)) {
		snprintf(msg, size, "%s are exported as the list of the record they belong to",
		         def->table);
		return STATUS_ERR_INVALID;
	}
	if (!(*seen = calloc(def->nfields + 1, sizeof(**seen))))
		return STATUS_ERR_NOMEM;
	for (size_t i = 0; i < def->nfields; i++)
		if (rights_sees(ex->who, def->fields[i].privacy))
			(*seen)[n++] = def->fields[i].name;
	*list = (struct export_kind){
	        .def = def, .columns = *seen, .id_column = "Nr.", .rows = list_rows};
	ex->kind = list;
	return STATUS_OK;
}

/* A list of what opening writes an audit entry for (a case's persons):
 * its export writes one too. */
static enum status audit_list(struct server *server, const char *login, const struct export_job *ex)
{
	const struct record_def *def = ex->kind->def;
	const struct record_def *about = ex->parent ? def->parent : def;
	char detail[AUDIT_DETAIL_SIZE];
	struct store_txn *txn;
	enum status st;

	if (!about->audit_reads && !def->audit_reads)
		return STATUS_OK;
	snprintf(detail, sizeof(detail), "%s als CSV exportiert", def->plural);
	if ((st = store_begin(server->store, login, &txn)) != STATUS_OK)
		return st;
	if ((st = store_audit(txn, "export", about, ex->parent, detail)) != STATUS_OK) {
		store_abort(txn);
		return st;
	}
	return store_commit(txn);
}

static const struct export_kind *export_kind_find(const char *kind)
{
	for (size_t i = 0; i < sizeof(export_kinds) / sizeof(export_kinds[0]); i++)
		if (strcmp(export_kinds[i].name ? export_kinds[i].name : export_kinds[i].def->table,
		           kind) == 0)
			return &export_kinds[i];
	return NULL;
}

/* A file without a name in the data directory: the export is written to
 * it and fetched from it, so that an export waiting to be fetched costs
 * no memory; it is gone when its descriptor is closed. */
int server_spool_open(const char *dir)
{
	char path[PATH_MAX + 32];
	int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);

	if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR))
		return fd;
	snprintf(path, sizeof(path), "%s/export.XXXXXX", dir); /* no O_TMPFILE here */
	if ((fd = mkostemp(path, O_CLOEXEC)) >= 0)
		unlink(path);
	return fd;
}

/* Reads what to export; LOGIN is who asked (the connection's), looked up
 * in CONFIG, the configuration the job started with. The CSV text goes to
 * a spool file: its descriptor in *FD, its length in *LEN. */
enum status export_run(struct server *server, const struct config *config, const char *login,
                       const struct wire_msg *request, int *fd, size_t *len, char *msg, size_t size)
{
	char kind[32] = "", district[CONFIG_ID_SIZE] = "";
	struct export_job ex = {.config = config, .district = district};
	struct export_kind list = {0};
	const char **seen = NULL;
	uint64_t year = 0;
	FILE *out;
	enum status st;
	int staff;

	*fd = -1;
	if (wire_get_str(request, WF_KIND, kind, sizeof(kind)) != STATUS_OK ||
	    wire_get_str(request, WF_DISTRICT, district, sizeof(district)) == STATUS_ERR_PROTOCOL ||
	    wire_get_u64(request, WF_YEAR, &year) == STATUS_ERR_PROTOCOL || year > 9999 ||
	    wire_get_u64(request, WF_PARENT, &ex.parent) == STATUS_ERR_PROTOCOL) {
		snprintf(msg, size, "malformed export request");
		return STATUS_ERR_PROTOCOL;
	}
	if (district[0] && config_find_district(config, district) < 0) {
		snprintf(msg, size, "unknown district '%s'", district);
		return STATUS_ERR_NOT_FOUND;
	}
	if ((staff = config_find_staff(config, login)) < 0) {
		snprintf(msg, size, "%s is no staff member", login);
		return STATUS_ERR_DENIED;
	}
	ex.who = &config->staff[staff];
	/* An export of its own, or the list of a record type (a parent's
	 * children: always the list), the rows the caller may list. */
	ex.kind = ex.parent ? NULL : export_kind_find(kind);
	if (!ex.kind && (st = list_kind(&ex, kind, &list, &seen, msg, size)) != STATUS_OK)
		return st;
	/* A role that may export none of them is told so, not handed the
	 * header of an empty file. */
	if (!rights_may(ex.who, ex.kind->def, ex.kind == &list ? VERB_LIST : VERB_EXPORT)) {
		snprintf(msg, size, "%s may not export %s", login, kind);
		free(seen);
		return STATUS_ERR_DENIED;
	}
	if ((*fd = server_spool_open(server->data_dir)) < 0 || !(out = fdopen(dup(*fd), "w"))) {
		snprintf(msg, size, "cannot start the export: %s", strerror(errno));
		if (*fd >= 0)
			close(*fd);
		*fd = -1;
		free(seen);
		return STATUS_ERR_INTERNAL;
	}
	ex.year_start = year ? DATE_MAKE((int32_t)year, 1, 1) : 0;
	ex.year_end = year ? DATE_MAKE((int32_t)year, 12, 31) : 0;
	st = export_records(server, &ex, out);
	if (fclose(out) != 0 && st == STATUS_OK)
		st = STATUS_ERR_IO;
	free(seen);
	if (st == STATUS_OK && ex.kind == &list)
		st = audit_list(server, login, &ex);
	*len = (size_t)lseek(*fd, 0, SEEK_END);
	if (st != STATUS_OK) {
		snprintf(msg, size, "export failed: %s", status_text(st));
		close(*fd);
		*fd = -1;
	}
	return st;
}

static void export_done(struct conn *conn)
{
	if (conn->export_fd >= 0)
		close(conn->export_fd);
	conn->export_fd = -1;
	conn->export_len = 0;
}

static enum status put_piece(struct conn *conn, uint64_t request, size_t offset,
                             struct codec_buf *reply)
{
	size_t n =
	        conn->export_len - offset < EXPORT_PIECE ? conn->export_len - offset : EXPORT_PIECE;
	char *piece = malloc(n ? n : 1);

	if (!piece || pread(conn->export_fd, piece, n, (off_t)offset) != (ssize_t)n) {
		free(piece);
		export_done(conn);
		return STATUS_ERR_IO;
	}
	wire_begin(reply, WIRE_EXPORT_DATA, request);
	codec_put_bytes(reply, WF_DATA, piece, n);
	codec_put_u64(reply, WF_OFFSET, offset + n < conn->export_len ? offset + n : 0);
	free(piece);
	if (offset + n >= conn->export_len)
		export_done(conn);
	return STATUS_OK;
}

void export_reply(struct conn *conn, uint64_t request, int fd, size_t len, struct codec_buf *reply)
{
	export_done(conn); /* one export at a time per connection */
	conn->export_fd = fd;
	conn->export_len = len;
	if (put_piece(conn, request, 0, reply) != STATUS_OK)
		server_reply_error(reply, request, STATUS_ERR_IO, NULL);
}

enum status handle_export_next(struct server *server, struct conn *conn, const struct wire_msg *req,
                               struct codec_buf *reply)
{
	uint64_t offset = 0;

	(void)server;
	if (wire_get_u64(req, WF_OFFSET, &offset) != STATUS_OK)
		return STATUS_ERR_PROTOCOL;
	if (conn->export_fd < 0 || offset == 0 || offset >= conn->export_len)
		return STATUS_ERR_NOT_FOUND;
	return put_piece(conn, req->request, offset, reply);
}
