/* Writes the seed corpus of fuzz_wire and fuzz_record: encoded records of
 * every record type and protocol messages as client and server send them.
 * tests/fuzz/build builds it as DIR/seeds; the files in tests/fuzz/corpus
 * came from
 *
 *   DIR/seeds tests/fuzz/corpus
 *
 * Records are filled field by field through the field tables (field_parse),
 * so this program follows the record types without naming their members. */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "model/codec.h"
#include "model/record.h"
#include "model/registry.h"
#include "wire/wire.h"

static const char *out_dir;

/* Seeds stay within libFuzzer's default -max_len: a bigger one makes it
 * mutate bigger inputs, and runs got six times slower (the draft's 16 KiB
 * text at its limit). The other record types check the same code at their
 * limits. */
#define SEED_MAX 4096

static void write_seed(const char *target, const char *name, const struct codec_buf *buf)
{
	char path[4096];
	FILE *out;

	if (buf->len > SEED_MAX)
		return;

	snprintf(path, sizeof(path), "%s/%s", out_dir, target);
	if (mkdir(path, 0755) != 0 && errno != EEXIST) {
		perror(path);
		exit(1);
	}
	snprintf(path, sizeof(path), "%s/%s/%s", out_dir, target, name);
	out = fopen(path, "wb");
	if (!out || codec_finish(buf) != STATUS_OK ||
	    fwrite(buf->data, 1, buf->len, out) != buf->len || fclose(out) != 0) {
		perror(path);
		exit(1);
	}
}

/* A value for FIELD typed as a user would; VARIANT 1 gives other values
 * (several lines in multi-line text, the last choice, a negative number). */
static void fill_field(const struct field_def *field, int variant, void *rec)
{
	static const char *const tries[] = {"15.01.2026 14:05", "15.01.2026", "1.234,56", "42", ""};
	const char *text;

	switch (field->type) {
	case FIELD_ID:
		text = variant ? "4711" : "7";
		break;
	case FIELD_INT:
		text = variant ? "-3" : "42";
		break;
	case FIELD_MONEY:
		text = variant ? "0,01" : "1.234,56";
		break;
	case FIELD_DATE:
		text = variant ? "29.02.2028" : "15.01.2026";
		break;
	case FIELD_BOOL:
		text = variant ? "nein" : "ja";
		break;
	case FIELD_TEXT:
		text = field->multiline && variant ? "Erste Zeile\nZweite Zeile: Größe äöü ß"
		       : variant                   ? "Straße 5 – Öffnungszeiten"
		                                   : "Beispiel";
		break;
	case FIELD_REF:
		text = field->source == SOURCE_STAFF ? "tl.fg" : variant ? "GA" : "FG";
		break;
	case FIELD_CHOICE: {
		int n = 0;

		while (field->choices && field->choices[n])
			n++;
		text = n == 0 ? "" : field->choices[variant ? n - 1 : 0];
		break;
	}
	default: /* a type added later: the first text it takes */
		for (size_t i = 0; i < sizeof(tries) / sizeof(tries[0]); i++)
			if (field_parse(field, tries[i], rec) == STATUS_OK)
				return;
		return;
	}
	field_parse(field, text, rec);
}

/* Sets FIELD to its limit: text as long as it may be (with a two-byte
 * character), numbers at the edge of their type. */
static void fill_limit(const struct field_def *field, void *rec)
{
	char *p = (char *)rec + field->offset;

	switch (field->type) {
	case FIELD_TEXT:
	case FIELD_REF:
		memset(p, 'x', field->size - 1);
		p[field->size - 1] = '\0';
		if (field->size >= 3)
			memcpy(p, "\xc3\x9f", 2); /* ß */
		break;
	case FIELD_ID:
		*(uint64_t *)p = UINT64_MAX;
		break;
	case FIELD_DATE:
		*(int32_t *)p = INT32_MIN;
		break;
	case FIELD_BOOL:
		*(bool *)p = true;
		break;
	case FIELD_CHOICE:
		fill_field(field, 1, rec);
		break;
	default: /* int64_t: numbers, money, times */
		if (field->size == sizeof(int64_t))
			*(int64_t *)p = INT64_MIN;
		break;
	}
}

/* An encoding of DEF as record_encode would write it, but with every text
 * one byte longer than its member holds: decoding must refuse it. */
static void encode_one_past(const struct record_def *def, struct codec_buf *buf)
{
	char text[65536];

	codec_begin(buf, def->kind, def->version);
	codec_put_u64(buf, 0, 1);
	codec_put_u64(buf, 1, 1);
	for (size_t i = 0; i < def->nfields; i++) {
		const struct field_def *field = &def->fields[i];

		switch (field->type) {
		case FIELD_ID:
			codec_put_u64(buf, field->tag, 1);
			break;
		case FIELD_TEXT:
		case FIELD_REF:
			memset(text, 'x', field->size);
			text[field->size] = '\0';
			codec_put_str(buf, field->tag, text);
			break;
		case FIELD_CHOICE:
			codec_put_str(buf, field->tag, field->choices ? field->choices[0] : "");
			break;
		default:
			codec_put_i64(buf, field->tag, 1);
			break;
		}
	}
}

/* Encodes a record of DEF: VARIANT 0 and 1 filled (see fill_field), 2 empty
 * (a new record as a form starts it), 3 at the limits (fill_limit). */
static void encode_sample(const struct record_def *def, int variant, struct codec_buf *buf)
{
	void *rec = calloc(1, def->size);
	struct record_head *head = rec;

	if (!rec)
		exit(1);
	if (variant < 2) {
		head->id = variant ? 123456789 : 17;
		head->version = variant ? 9 : 1;
		for (size_t i = 0; i < def->nfields; i++)
			fill_field(&def->fields[i], variant, rec);
	} else if (variant == 2) {
		for (size_t i = 0; i < def->nfields; i++)
			if (def->fields[i].type == FIELD_CHOICE)
				field_parse(&def->fields[i], "", rec);
	} else {
		head->id = UINT64_MAX;
		head->version = UINT32_MAX;
		for (size_t i = 0; i < def->nfields; i++)
			fill_limit(&def->fields[i], rec);
	}
	if (record_encode(def, rec, buf) != STATUS_OK)
		exit(1);
	free(rec);
}

static const struct record_def *find_type(const char *name)
{
	for (size_t i = 0; i < record_type_count; i++)
		if (strcmp(record_types[i]->name, name) == 0)
			return record_types[i];
	return record_types[0];
}

static void put_record(struct codec_buf *msg, const char *type, int variant)
{
	struct codec_buf rec;

	codec_buf_init(&rec);
	encode_sample(find_type(type), variant, &rec);
	codec_put_bytes(msg, WF_RECORD, rec.data, rec.len);
	codec_buf_free(&rec);
}

static void record_seeds(void)
{
	struct codec_buf buf;
	char name[128];

	codec_buf_init(&buf);
	for (size_t t = 0; t < record_type_count; t++) {
		for (int variant = 0; variant < 4; variant++) {
			encode_sample(record_types[t], variant, &buf);
			snprintf(name, sizeof(name), "%s-%d", record_types[t]->name, variant);
			write_seed("fuzz_record", name, &buf);
		}
		encode_one_past(record_types[t], &buf);
		snprintf(name, sizeof(name), "%s-too-long", record_types[t]->name);
		write_seed("fuzz_record", name, &buf);
	}
	/* An offer of record version 1 (before the description) and one of a
	 * newer version than this program knows. */
	const struct record_def *offer = find_type("offer");
	encode_sample(offer, 0, &buf);
	buf.data[4] = 1;
	buf.data[5] = 0;
	write_seed("fuzz_record", "offer-old-version", &buf);
	buf.data[4] = (uint8_t)(offer->version + 1);
	write_seed("fuzz_record", "offer-newer-version", &buf);
	codec_buf_free(&buf);
}

/* Message kinds and field tags by number, as include/wire/wire.h had them
 * when these seeds were written (the numbers are the protocol; names there
 * may change). */
enum {
	K_HELLO = 1,
	K_WELCOME = 2,
	K_ERROR = 3,
	K_DONE = 4,
	K_RECORD_LIST = 10,
	K_RECORDS = 11,
	K_RECORD = 13,
	K_RECORD_SAVE = 14,
	K_EVENT = 15,
	K_LOCK_TAKE = 20,
	K_LOCKS = 23,
	K_AUDIT_PAGE = 33,
	K_STATS_PAGE = 35,
	K_EXPORT_DATA = 37,
	K_DRAFT_PUT = 40,
	K_DRAFTS = 42,
};
enum {
	T_STATUS = 2,
	T_TEXT = 3,
	T_LOGIN = 4,
	T_NAME = 5,
	T_ROLE = 6,
	T_TEAM = 7,
	T_VERSION = 8,
	T_ID = 9,
	T_TABLE = 11,
	T_HOLDER = 12,
	T_SINCE = 13,
	T_COUNT = 22,
	T_MEDIAN = 23,
	T_P99 = 24,
	T_KIND = 25,
	T_DATA = 27,
	T_LOCK = 29,
	T_AFTER = 30,
	T_INDEX = 31,
	T_KEY = 32,
	T_WORDS = 33,
	T_PARENT = 34,
	T_FILTER = 35,
	T_OFFSET = 36,
	T_BACKWARD = 37,
	T_EVENTS = 38,
};

static void wire_seeds(void)
{
	static const uint8_t position[] = {0, 0, 0, 0, 0, 0, 0, 51, 'f', 'g', 0};
	struct codec_buf m;

	codec_buf_init(&m);
	wire_begin(&m, K_HELLO, 1);
	codec_put_u64(&m, T_VERSION, WIRE_VERSION);
	codec_put_str(&m, T_LOGIN, "tl.fg");
	codec_put_u64(&m, T_EVENTS, 1);
	write_seed("fuzz_wire", "hello", &m);

	wire_begin(&m, K_WELCOME, 1);
	codec_put_str(&m, T_LOGIN, "tl.fg");
	codec_put_str(&m, T_NAME, "Jürgen Müller");
	codec_put_str(&m, T_ROLE, "teamleitung");
	codec_put_str(&m, T_TEAM, "T-FG");
	write_seed("fuzz_wire", "welcome", &m);

	wire_begin(&m, K_ERROR, 7);
	codec_put_u64(&m, T_STATUS, STATUS_ERR_LOCKED);
	codec_put_str(&m, T_TEXT, "Der Datensatz wird gerade von jemand anderem bearbeitet");
	codec_put_str(&m, T_HOLDER, "Ayşe Yılmaz");
	codec_put_str(&m, T_LOGIN, "fk.fg");
	codec_put_u64(&m, T_SINCE, 1767225600);
	write_seed("fuzz_wire", "error-locked", &m);

	wire_begin(&m, K_DONE, 8);
	codec_put_str(&m, T_TEXT, "");
	codec_put_u64(&m, T_ID, 3);
	write_seed("fuzz_wire", "done", &m);

	wire_begin(&m, K_RECORD_LIST, 2);
	codec_put_str(&m, T_TABLE, "offers");
	codec_put_str(&m, T_WORDS, "Eltern café");
	codec_put_str(&m, T_FILTER, "district=FG");
	codec_put_str(&m, T_FILTER, "inactive=nein");
	codec_put_bytes(&m, T_AFTER, position, sizeof(position));
	codec_put_u64(&m, T_BACKWARD, 1);
	write_seed("fuzz_wire", "record-list-words", &m);

	wire_begin(&m, K_RECORD_LIST, 2);
	codec_put_str(&m, T_TABLE, "offer_counts");
	codec_put_u64(&m, T_PARENT, 17);
	write_seed("fuzz_wire", "record-list-parent", &m);

	wire_begin(&m, K_RECORD_LIST, 2);
	codec_put_str(&m, T_TABLE, "offers");
	codec_put_str(&m, T_INDEX, "district");
	codec_put_bytes(&m, T_KEY, "FG", 3);
	write_seed("fuzz_wire", "record-list-index", &m);

	wire_begin(&m, K_RECORDS, 2);
	put_record(&m, "offer", 0);
	put_record(&m, "offer", 1);
	codec_put_bytes(&m, T_AFTER, position, sizeof(position));
	write_seed("fuzz_wire", "records-offers", &m);

	wire_begin(&m, K_RECORDS, 4);
	put_record(&m, "offer_count", 0);
	put_record(&m, "offer_count", 1);
	write_seed("fuzz_wire", "records-counts", &m);

	wire_begin(&m, K_RECORD_SAVE, 3);
	codec_put_str(&m, T_TABLE, "offers");
	put_record(&m, "offer", 2);
	write_seed("fuzz_wire", "record-save", &m);

	wire_begin(&m, K_RECORD, 3);
	put_record(&m, "offer", 3);
	codec_put_str(&m, T_HOLDER, "Ayşe Yılmaz");
	codec_put_str(&m, T_LOGIN, "fk.fg");
	codec_put_u64(&m, T_SINCE, 1767225600);
	write_seed("fuzz_wire", "record-locked", &m);

	wire_begin(&m, K_EVENT, 0);
	codec_put_str(&m, T_TABLE, "offers");
	codec_put_u64(&m, T_ID, 17);
	codec_put_str(&m, T_LOGIN, "fk.fg");
	codec_put_str(&m, T_KIND, "saved");
	write_seed("fuzz_wire", "event", &m);

	wire_begin(&m, K_LOCK_TAKE, 5);
	codec_put_str(&m, T_TABLE, "offers");
	codec_put_u64(&m, T_ID, 17);
	write_seed("fuzz_wire", "lock-take", &m);

	wire_begin(&m, K_LOCKS, 6);
	for (uint64_t id = 1; id <= 2; id++) {
		codec_put_u64(&m, T_LOCK, id);
		codec_put_str(&m, T_TABLE, "offers");
		codec_put_u64(&m, T_ID, 16 + id);
		codec_put_str(&m, T_LOGIN, "fk.fg");
		codec_put_str(&m, T_HOLDER, "Ayşe Yılmaz");
		codec_put_u64(&m, T_SINCE, 1767225600 + id);
	}
	write_seed("fuzz_wire", "locks", &m);

	wire_begin(&m, K_AUDIT_PAGE, 8);
	put_record(&m, "audit", 0);
	put_record(&m, "audit", 3);
	write_seed("fuzz_wire", "audit-page", &m);

	wire_begin(&m, K_STATS_PAGE, 9);
	codec_put_str(&m, T_NAME, "read");
	codec_put_u64(&m, T_COUNT, 1000);
	codec_put_u64(&m, T_MEDIAN, 52000);
	codec_put_u64(&m, T_P99, 910000);
	write_seed("fuzz_wire", "stats-page", &m);

	wire_begin(&m, K_EXPORT_DATA, 10);
	codec_put_str(&m, T_DATA, "Nr;Name;Sozialraum\r\n1;Elterncafé;FG\r\n");
	codec_put_u64(&m, T_OFFSET, 0);
	write_seed("fuzz_wire", "export-data", &m);

	wire_begin(&m, K_DRAFT_PUT, 11);
	put_record(&m, "draft", 1);
	write_seed("fuzz_wire", "draft-put", &m);

	wire_begin(&m, K_DRAFTS, 11);
	put_record(&m, "draft", 0);
	put_record(&m, "draft", 1);
	write_seed("fuzz_wire", "drafts", &m);
	codec_buf_free(&m);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: seeds CORPUS-DIR\n");
		return 2;
	}
	out_dir = argv[1];
	record_seeds();
	wire_seeds();
	return 0;
}
