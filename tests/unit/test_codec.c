/* The encoding and the field-table mechanism: round trips, refusal of a
 * newer format, damaged input never misread, validation and typed input. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "model/codec.h"
#include "model/date.h"
#include "model/domain.h"
#include "model/offer.h"

static struct offer sample(void)
{
	struct offer o = {.head = {.id = 42, .version = 3}};

	strcpy(o.district, "FG");
	strcpy(o.provider, "DW");
	strcpy(o.name, "Elterncafé Müller-Straße");
	o.kind = OFFER_MEETING_POINT;
	strcpy(o.times, "Di 15–17 Uhr");
	o.low_threshold = true;
	o.budget_line = LINE_NO_CASE;
	o.active_from = DATE_MAKE(2026, 1, 1);
	return o;
}

static void test_round_trip(void)
{
	struct offer in = sample(), out;
	struct codec_buf buf;

	codec_buf_init(&buf);
	CHECK_INT(record_encode(&offer_def, &in, &buf), STATUS_OK);
	CHECK_INT(record_decode(&offer_def, buf.data, buf.len, &out), STATUS_OK);
	CHECK(memcmp(&in, &out, sizeof(in)) == 0 ||
	      (strcmp(in.name, out.name) == 0 && in.head.id == out.head.id &&
	       in.head.version == out.head.version));
	CHECK_STR(out.name, in.name);
	CHECK_INT(out.head.id, 42);
	CHECK_INT(out.head.version, 3);
	CHECK_INT(out.kind, OFFER_MEETING_POINT);
	CHECK_INT(out.budget_line, LINE_NO_CASE);
	CHECK_INT(out.active_from, DATE_MAKE(2026, 1, 1));
	CHECK_INT(out.active_to, 0);
	CHECK(out.low_threshold);
	CHECK(!out.inactive);
	codec_buf_free(&buf);
}

static void test_newer_version_refused(void)
{
	struct offer in = sample(), out;
	struct codec_buf buf;

	codec_buf_init(&buf);
	record_encode(&offer_def, &in, &buf);
	buf.data[4] = (uint8_t)(offer_def.version + 1); /* version, little-endian */
	CHECK_INT(record_decode(&offer_def, buf.data, buf.len, &out), STATUS_ERR_NEWER_FORMAT);
	codec_buf_free(&buf);
}

static void test_older_version_reads_new_field_as_zero(void)
{
	struct codec_buf buf;
	struct offer out;

	/* A record written before "inactive" (tag 14) and "active_to" existed. */
	codec_buf_init(&buf);
	codec_begin(&buf, offer_def.kind, 0);
	codec_put_u64(&buf, 0, 7);
	codec_put_u64(&buf, 1, 1);
	codec_put_str(&buf, 4, "Treff");
	CHECK_INT(record_decode(&offer_def, buf.data, buf.len, &out), STATUS_OK);
	CHECK_STR(out.name, "Treff");
	CHECK_INT(out.head.id, 7);
	CHECK(!out.inactive);
	CHECK_INT(out.kind, -1);
	codec_buf_free(&buf);
}

static void test_damage_refused(void)
{
	struct offer in = sample(), out;
	struct codec_buf buf;

	codec_buf_init(&buf);
	record_encode(&offer_def, &in, &buf);
	/* Every truncation is refused or decodes a prefix: never read past. */
	for (size_t len = 0; len < buf.len; len++) {
		enum status st = record_decode(&offer_def, buf.data, len, &out);

		CHECK(st == STATUS_ERR_CORRUPT || st == STATUS_OK);
	}
	CHECK_INT(record_decode(&offer_def, buf.data, 3, &out), STATUS_ERR_CORRUPT);
	buf.data[0] = 'X';
	CHECK_INT(record_decode(&offer_def, buf.data, buf.len, &out), STATUS_ERR_CORRUPT);
	buf.data[0] = 'S';
	buf.data[2] = 99; /* another kind */
	CHECK_INT(record_decode(&offer_def, buf.data, buf.len, &out), STATUS_ERR_CORRUPT);
	codec_buf_free(&buf);
}

static void test_unknown_tag_and_bad_type(void)
{
	struct codec_buf buf;
	struct offer out;

	codec_buf_init(&buf);
	codec_begin(&buf, offer_def.kind, offer_def.version);
	codec_put_str(&buf, 999, "x");
	CHECK_INT(record_decode(&offer_def, buf.data, buf.len, &out), STATUS_ERR_CORRUPT);
	codec_begin(&buf, offer_def.kind, offer_def.version);
	codec_put_u64(&buf, 4, 12); /* name must be a string */
	CHECK_INT(record_decode(&offer_def, buf.data, buf.len, &out), STATUS_ERR_CORRUPT);
	codec_begin(&buf, offer_def.kind, offer_def.version);
	codec_put_str(&buf, 5, "zirkus"); /* not one of the kinds */
	CHECK_INT(record_decode(&offer_def, buf.data, buf.len, &out), STATUS_ERR_CORRUPT);
	codec_begin(&buf, offer_def.kind, offer_def.version);
	codec_put_bytes(&buf, 4, "a\0b", 3); /* NUL inside a string */
	CHECK_INT(record_decode(&offer_def, buf.data, buf.len, &out), STATUS_ERR_CORRUPT);
	codec_buf_free(&buf);
}

static void test_too_long_text_refused(void)
{
	struct codec_buf buf;
	struct offer out;
	char longname[300];

	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	codec_buf_init(&buf);
	codec_begin(&buf, offer_def.kind, offer_def.version);
	codec_put_str(&buf, 4, longname);
	CHECK_INT(record_decode(&offer_def, buf.data, buf.len, &out), STATUS_ERR_CORRUPT);
	codec_buf_free(&buf);
}

static void test_field_length_past_end(void)
{
	uint8_t bytes[] = {'S', 'R', 1, 0, 1, 0, 4, 0, 3, 0xff, 0xff, 0xff, 0x7f, 'a'};
	struct offer out;

	CHECK_INT(record_decode(&offer_def, bytes, sizeof(bytes), &out), STATUS_ERR_CORRUPT);
}

static void test_validate(void)
{
	struct offer o = sample();
	struct field_error err;

	CHECK_INT(record_validate(&offer_def, &o, NULL, &err), STATUS_OK);
	o.name[0] = '\0';
	CHECK_INT(record_validate(&offer_def, &o, NULL, &err), STATUS_ERR_REQUIRED);
	CHECK_STR(err.field->name, "name");
	o = sample();
	strcpy(o.contact, "evil\x1b[2J");
	CHECK_INT(record_validate(&offer_def, &o, NULL, &err), STATUS_ERR_INVALID);
	CHECK_STR(err.field->name, "contact");
	o = sample();
	o.active_from = DATE_MAKE(2026, 2, 31);
	CHECK_INT(record_validate(&offer_def, &o, NULL, &err), STATUS_ERR_INVALID);
	o = sample();
	o.active_to = DATE_MAKE(2025, 12, 31);
	CHECK_INT(record_validate(&offer_def, &o, NULL, &err), STATUS_ERR_RANGE);
	CHECK_STR(err.field->name, "active_to");
	o = sample();
	o.budget_line = LINE_CASE_SPECIFIC;
	CHECK_INT(record_validate(&offer_def, &o, NULL, &err), STATUS_ERR_INVALID);
	o = sample();
	o.kind = -1;
	CHECK_INT(record_validate(&offer_def, &o, NULL, &err), STATUS_ERR_REQUIRED);
}

static void test_field_parse_and_format(void)
{
	struct offer o = sample();
	const struct field_def *from = record_field(&offer_def, "active_from");
	const struct field_def *kind = record_field(&offer_def, "kind");
	const struct field_def *low = record_field(&offer_def, "low_threshold");
	const struct field_def *name = record_field(&offer_def, "name");
	char buf[64];

	CHECK_INT(field_parse(from, "1.3.26", &o), STATUS_OK);
	CHECK_INT(o.active_from, DATE_MAKE(2026, 3, 1));
	field_format(from, &o, buf, sizeof(buf));
	CHECK_STR(buf, "01.03.2026");
	CHECK_INT(field_parse(from, "31.02.2026", &o), STATUS_ERR_INVALID);
	CHECK_INT(o.active_from, DATE_MAKE(2026, 3, 1));
	CHECK_INT(field_parse(kind, "Beratung", &o), STATUS_OK);
	CHECK_INT(o.kind, OFFER_COUNSELLING);
	field_format(kind, &o, buf, sizeof(buf));
	CHECK_STR(buf, "Beratung");
	CHECK_INT(field_parse(low, "nein", &o), STATUS_OK);
	CHECK(!o.low_threshold);
	CHECK_INT(field_parse(low, "vielleicht", &o), STATUS_ERR_INVALID);
	CHECK_INT(field_parse(name, "  Spielkreis  ", &o), STATUS_OK);
	CHECK_STR(o.name, "Spielkreis");
	CHECK_INT(field_parse(name, "a\x1b]0;x\x07", &o), STATUS_ERR_INVALID);
	CHECK_STR(o.name, "Spielkreis");
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	RUN(test_round_trip);
	RUN(test_newer_version_refused);
	RUN(test_older_version_reads_new_field_as_zero);
	RUN(test_damage_refused);
	RUN(test_unknown_tag_and_bad_type);
	RUN(test_too_long_text_refused);
	RUN(test_field_length_past_end);
	RUN(test_validate);
	RUN(test_field_parse_and_format);
	return CHECK_EXIT();
}
