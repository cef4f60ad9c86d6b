/* Imports: `sozialraum-admin import bookings FILE` sends the file from the
 * city's finance system in pieces to a spool file of its connection
 * (handle_import_data); the worker then books every line in one
 * transaction, or none when any line is bad, naming each bad line
 * (import_run). The server reads no file a client names.
 *
 * The file: CSV in the German format (';', "1.234,56", TT.MM.JJJJ, with
 * or without a BOM, Windows or Unix line ends), a header row naming the
 * columns (any order): Datum; Betrag; Maßnahme; Angebot; Rechnung;
 * Empfänger; and optionally Zeitraum von; Zeitraum bis; Verwendungszweck.
 * Each line books on a measure or an offer (one of the two numbers). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "model/booking.h"
#include "model/csv.h"
#include "model/rights.h"
#include "server.h"
#include "store/budget.h"

#define IMPORT_MAX_BYTES (32 * 1024 * 1024)
#define IMPORT_FINDINGS  100 /* bad lines named; the count is exact */
#define IMPORT_COLUMNS   16

/* The columns of the file, by their German names, and the booking's
 * fields they fill. */
static const struct {
	const char *name, *field;
	bool required;
} columns[] = {
        {"Datum", "date", true},          {"Betrag", "amount", true},
        {"Maßnahme", "measure_id", true}, {"Angebot", "offer_id", true},
        {"Rechnung", "invoice", true},    {"Empfänger", "payee", true},
        {"Zeitraum von", "period_from"},  {"Zeitraum bis", "period_to"},
        {"Verwendungszweck", "note"},
};
#define NCOLUMNS (sizeof(columns) / sizeof(columns[0]))

enum status handle_import_data(struct server *server, struct conn *conn, const struct wire_msg *req,
                               struct codec_buf *reply)
{
	const struct cfg_staff *who = server_staff(server, conn);
	uint8_t *piece = malloc(WIRE_MAX_MESSAGE);
	uint64_t offset;
	size_t len = 0;
	enum status st = piece ? STATUS_OK : STATUS_ERR_NOMEM;

	if (st == STATUS_OK && !rights_may(who, &booking_def, VERB_CREATE))
		st = STATUS_ERR_DENIED;
	if (st == STATUS_OK &&
	    (wire_get_u64(req, WF_OFFSET, &offset) != STATUS_OK ||
	     wire_get_bytes(req, WF_DATA, piece, WIRE_MAX_MESSAGE, &len) != STATUS_OK))
		st = STATUS_ERR_PROTOCOL;
	if (st == STATUS_OK && offset == 0) { /* a new file: the old one goes */
		if (conn->import_fd >= 0)
			close(conn->import_fd);
		conn->import_len = 0;
		if ((conn->import_fd = server_spool_open(server->data_dir)) < 0)
			st = STATUS_ERR_IO;
	}
	if (st == STATUS_OK && (conn->import_fd < 0 || offset != conn->import_len))
		st = STATUS_ERR_INVALID; /* a piece out of order */
	if (st == STATUS_OK && conn->import_len + len > IMPORT_MAX_BYTES)
		st = STATUS_ERR_LIMIT;
	if (st == STATUS_OK &&
	    pwrite(conn->import_fd, piece, len, (off_t)conn->import_len) != (ssize_t)len)
		st = STATUS_ERR_IO;
	free(piece);
	if (st != STATUS_OK && st != STATUS_ERR_DENIED && st != STATUS_ERR_PROTOCOL &&
	    conn->import_fd >= 0) {
		close(conn->import_fd); /* what came is no file any more */
		conn->import_fd = -1;
		conn->import_len = 0;
	}
	if (st != STATUS_OK)
		return st;
	conn->import_len += len;
	wire_begin(reply, WIRE_DONE, req->request);
	return STATUS_OK;
}

/* --- the lines --- */

struct import {
	const struct config *config;
	const struct cfg_staff *who;
	struct store_txn *txn;
	FILE *findings;
	unsigned long bad;
	int column_of[IMPORT_COLUMNS]; /* the file's column i fills columns[column_of[i]] */
	size_t ncells;
	/* "payee\0invoice" of the lines so far, for duplicates in the file:
	 * a table of their indexes + 1 by hash */
	char **seen;
	unsigned *seen_line;
	size_t nseen;
	size_t *slots, nslots; /* a power of two, at least twice the lines */
	uint64_t booked;
};

static void finding(struct import *im, unsigned line, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

static void finding(struct import *im, unsigned line, const char *fmt, ...)
{
	va_list ap;

	if (im->bad++ >= IMPORT_FINDINGS)
		return;
	fprintf(im->findings, "%u: ", line);
	va_start(ap, fmt);
	vfprintf(im->findings, fmt, ap);
	va_end(ap);
	fputc('\n', im->findings);
}

static bool header(struct import *im, char *line)
{
	char *cells[IMPORT_COLUMNS];
	bool have[NCOLUMNS] = {false};
	bool ok = true;

	im->ncells = csv_split(line, cells, IMPORT_COLUMNS);
	for (size_t i = 0; i < im->ncells; i++) {
		size_t k = 0;

		while (k < NCOLUMNS && strcmp(cells[i], columns[k].name) != 0)
			k++;
		if (k == NCOLUMNS) {
			finding(im, 1,
			        "unbekannte Spalte '%s' (erwartet: Datum, Betrag, Maßnahme, "
			        "Angebot, Rechnung, Empfänger, Zeitraum von, Zeitraum bis, "
			        "Verwendungszweck)",
			        cells[i]);
			ok = false;
			continue;
		}
		im->column_of[i] = (int)k;
		have[k] = true;
	}
	for (size_t k = 0; k < NCOLUMNS; k++)
		if (columns[k].required && !have[k]) {
			finding(im, 1, "die Spalte '%s' fehlt", columns[k].name);
			ok = false;
		}
	return ok;
}

/* Another line of the same payee and invoice in the file, or 0. */
static unsigned seen_before(struct import *im, const struct booking *b, unsigned line)
{
	size_t np = strlen(b->payee) + 1, ni = strlen(b->invoice) + 1, i;
	char *key = malloc(np + ni);
	uint64_t h = 14695981039346656037ULL;

	if (!key)
		return 0;
	memcpy(key, b->payee, np);
	memcpy(key + np, b->invoice, ni);
	for (size_t k = 0; k < np + ni; k++)
		h = (h ^ (unsigned char)key[k]) * 1099511628211ULL;
	for (i = (size_t)h & (im->nslots - 1); im->slots[i]; i = (i + 1) & (im->nslots - 1)) {
		const char *seen = im->seen[im->slots[i] - 1];

		if (strcmp(seen, b->payee) == 0 &&
		    strcmp(seen + strlen(seen) + 1, b->invoice) == 0) {
			free(key);
			return im->seen_line[im->slots[i] - 1];
		}
	}
	im->seen[im->nseen] = key;
	im->seen_line[im->nseen++] = line;
	im->slots[i] = im->nseen;
	return 0;
}

/* One line: parsed field by field, filled and checked by the booking's
 * own rules, and inserted (its hook moves the budget). */
static void book_line(struct import *im, char *text, unsigned line)
{
	char *cells[IMPORT_COLUMNS];
	struct booking b = {.line = -1};
	struct record_fill fill = {.config = im->config,
	                           .who = im->who,
	                           .now = (int64_t)time(NULL),
	                           .get = records_get_in_txn,
	                           .find = records_find_in_txn,
	                           .ctx = im->txn};
	struct field_error err = {0};
	size_t n = csv_split(text, cells, IMPORT_COLUMNS);
	unsigned twice;
	enum status st;

	if (n != im->ncells) {
		finding(im, line,
		        n ? "%zu Spalten, die Kopfzeile hat %zu"
		          : "ein Anführungszeichen wird nicht geschlossen (%zu/%zu)",
		        n, im->ncells);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const struct field_def *f =
		        record_field(&booking_def, columns[im->column_of[i]].field);

		if ((st = field_parse(f, cells[i], &b)) != STATUS_OK) {
			finding(im, line, "%s: '%s' %s", columns[im->column_of[i]].name, cells[i],
			        status_message(st));
			return;
		}
	}
	if ((st = booking_def.validate(&b, im->config, &err)) != STATUS_OK ||
	    (st = record_validate(&booking_def, &b, im->config, &err)) != STATUS_OK) {
		finding(im, line, "%s", err.message[0] ? err.message : status_message(st));
		return;
	}
	if ((twice = seen_before(im, &b, line))) {
		finding(im, line, "Rechnung '%s' von '%s' steht schon in Zeile %u", b.invoice,
		        b.payee, twice);
		return;
	}
	if ((st = booking_def.fill(&b, &fill, &err)) != STATUS_OK) {
		finding(im, line, "%s", err.message[0] ? err.message : status_message(st));
		return;
	}
	if (!rights_allow(im->config, im->who, &booking_def, VERB_CREATE, &b)) {
		finding(im, line, "auf den Sozialraum %s darf %s nicht buchen", b.district,
		        im->who->login);
		return;
	}
	if ((st = store_insert(im->txn, &booking_def, &b)) != STATUS_OK)
		finding(im, line, "nicht gebucht: %s", status_message(st));
	else
		im->booked++;
}

static void book_lines(struct import *im, char *text, size_t len)
{
	unsigned line = 0;
	char *p = text, *end = text + len;

	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *next = nl ? nl + 1 : end;

		if (nl && nl > p && nl[-1] == '\r')
			nl--;
		*(nl ? nl : end) = '\0';
		line++;
		if (line == 1) {
			if (!header(im, p))
				return;
		} else if (*p) {
			book_line(im, p, line);
		}
		p = next;
	}
	if (line < 2)
		finding(im, line ? line : 1, "keine Buchungen in der Datei");
}

enum status import_run(struct server *server, const struct config *config, const char *login,
                       int fd, size_t len, uint64_t *booked, char **findings)
{
	int staff = config_find_staff(config, login);
	struct import im = {.config = config, .who = staff >= 0 ? &config->staff[staff] : NULL};
	char *text = malloc(len + 1);
	size_t size = 0, lines = 1;
	enum status st = text ? STATUS_OK : STATUS_ERR_NOMEM;

	*booked = 0;
	*findings = NULL;
	if (st == STATUS_OK && (!im.who || !rights_may(im.who, &booking_def, VERB_CREATE)))
		st = STATUS_ERR_DENIED;
	if (st == STATUS_OK && pread(fd, text, len, 0) != (ssize_t)len)
		st = STATUS_ERR_IO;
	for (size_t i = 0; st == STATUS_OK && i < len; i++)
		lines += text[i] == '\n';
	for (im.nslots = 16; st == STATUS_OK && im.nslots < 2 * lines;)
		im.nslots *= 2;
	/* room to remember each line's key */
	if (st == STATUS_OK && (!(im.seen = calloc(lines, sizeof(*im.seen))) ||
	                        !(im.seen_line = calloc(lines, sizeof(*im.seen_line))) ||
	                        !(im.slots = calloc(im.nslots, sizeof(*im.slots))) ||
	                        !(im.findings = open_memstream(findings, &size))))
		st = STATUS_ERR_NOMEM;
	if (st == STATUS_OK)
		st = store_begin(server->store, login, &im.txn);
	if (st == STATUS_OK) {
		text[len] = '\0';
		budget_use_config(config); /* this thread's writes, this configuration */
		book_lines(&im, text, len);
		budget_use_config(NULL);
		if (im.bad > IMPORT_FINDINGS)
			fprintf(im.findings, "… und %lu weitere fehlerhafte Zeilen\n",
			        im.bad - IMPORT_FINDINGS);
		if (im.bad) {
			store_abort(im.txn); /* all or nothing */
			st = STATUS_ERR_INVALID;
		} else {
			*booked = im.booked;
			st = store_commit(im.txn);
		}
	}
	if (im.findings)
		fclose(im.findings);
	for (size_t i = 0; i < im.nseen; i++)
		free(im.seen[i]);
	free(im.seen);
	free(im.seen_line);
	free(im.slots);
	free(text);
	if (st != STATUS_ERR_INVALID) {
		free(*findings);
		*findings = NULL;
	}
	return st;
}
