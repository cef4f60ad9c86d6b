/* The field-table mechanism of record.h: encoding, validation, typed input
 * and display, all driven by the same const tables. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/config.h"
#include "model/date.h"
#include "model/money.h"
#include "model/record.h"
#include "model/text.h"

static void *field_ptr(const struct field_def *field, void *rec)
{
	return (char *)rec + field->offset;
}

static const void *field_cptr(const struct field_def *field, const void *rec)
{
	return (const char *)rec + field->offset;
}

static int64_t field_number(const struct field_def *field, const void *rec)
{
	const void *p = field_cptr(field, rec);

	switch (field->type) {
	case FIELD_ID:
		return (int64_t) * (const uint64_t *)p;
	case FIELD_INT:
	case FIELD_MONEY:
	case FIELD_TIME:
		return *(const int64_t *)p;
	case FIELD_DATE:
		return *(const int32_t *)p;
	case FIELD_BOOL:
		return *(const bool *)p;
	case FIELD_CHOICE:
		return *(const int *)p;
	default:
		return 0;
	}
}

bool record_field_number(const struct field_def *field, const void *rec, int64_t *out)
{
	switch (field->type) {
	case FIELD_ID:
		/* an id above INT64_MAX (none is handed out) sorts last */
		*out = *(const uint64_t *)field_cptr(field, rec) > INT64_MAX
		               ? INT64_MAX
		               : field_number(field, rec);
		return true;
	case FIELD_INT:
	case FIELD_MONEY:
	case FIELD_TIME:
	case FIELD_DATE:
	case FIELD_BOOL:
		*out = field_number(field, rec);
		return true;
	default:
		return false;
	}
}

static int choice_count(const struct field_def *field)
{
	int n = 0;

	while (field->choices && field->choices[n])
		n++;
	return n;
}

static void encode_field(const struct field_def *field, const void *rec, struct codec_buf *buf)
{
	const void *p = field_cptr(field, rec);

	switch (field->type) {
	case FIELD_ID:
		codec_put_u64(buf, field->tag, *(const uint64_t *)p);
		break;
	case FIELD_TEXT:
	case FIELD_REF:
		codec_put_str(buf, field->tag, (const char *)p);
		break;
	case FIELD_CHOICE: {
		int index = *(const int *)p;

		codec_put_str(buf, field->tag,
		              index >= 0 && index < choice_count(field) ? field->choices[index]
		                                                        : "");
		break;
	}
	default:
		codec_put_i64(buf, field->tag, field_number(field, rec));
		break;
	}
}

enum status record_encode(const struct record_def *def, const void *rec, struct codec_buf *buf)
{
	const struct record_head *head = rec;

	codec_begin(buf, def->kind, def->version);
	codec_put_u64(buf, 0, head->id);
	codec_put_u64(buf, 1, head->version);
	for (size_t i = 0; i < def->nfields; i++)
		encode_field(&def->fields[i], rec, buf);
	return codec_finish(buf);
}

static const struct field_def *field_by_tag(const struct record_def *def, uint16_t tag)
{
	for (size_t i = 0; i < def->nfields; i++)
		if (def->fields[i].tag == tag)
			return &def->fields[i];
	return NULL;
}

static enum status decode_choice(const struct field_def *field, const struct codec_field *cf,
                                 int *out)
{
	char name[64];
	enum status st = codec_get_str(cf, name, sizeof(name));

	if (st != STATUS_OK)
		return STATUS_ERR_CORRUPT;
	if (name[0] == '\0') {
		*out = -1;
		return STATUS_OK;
	}
	for (int i = 0; field->choices && field->choices[i]; i++)
		if (strcmp(field->choices[i], name) == 0) {
			*out = i;
			return STATUS_OK;
		}
	return STATUS_ERR_CORRUPT;
}

static enum status decode_number(const struct field_def *field, const struct codec_field *cf,
                                 void *p)
{
	int64_t v;

	if (codec_get_i64(cf, &v) != STATUS_OK)
		return STATUS_ERR_CORRUPT;
	switch (field->type) {
	case FIELD_DATE:
		if (v < INT32_MIN || v > INT32_MAX)
			return STATUS_ERR_CORRUPT;
		*(int32_t *)p = (int32_t)v;
		break;
	case FIELD_BOOL:
		*(bool *)p = v != 0;
		break;
	default:
		*(int64_t *)p = v;
		break;
	}
	return STATUS_OK;
}

static enum status decode_field(const struct field_def *field, const struct codec_field *cf,
                                void *rec)
{
	void *p = field_ptr(field, rec);

	switch (field->type) {
	case FIELD_ID:
		return codec_get_u64(cf, p) == STATUS_OK ? STATUS_OK : STATUS_ERR_CORRUPT;
	case FIELD_TEXT:
	case FIELD_REF:
		return codec_get_str(cf, p, field->size) == STATUS_OK ? STATUS_OK
		                                                      : STATUS_ERR_CORRUPT;
	case FIELD_CHOICE:
		return decode_choice(field, cf, p);
	default:
		return decode_number(field, cf, p);
	}
}

static enum status decode_head(const struct codec_field *cf, struct record_head *head)
{
	uint64_t v;

	if (codec_get_u64(cf, &v) != STATUS_OK)
		return STATUS_ERR_CORRUPT;
	if (cf->tag == 0) {
		head->id = v;
		return STATUS_OK;
	}
	if (v > UINT32_MAX)
		return STATUS_ERR_CORRUPT;
	head->version = (uint32_t)v;
	return STATUS_OK;
}

enum status record_decode(const struct record_def *def, const void *data, size_t len, void *rec)
{
	struct codec_reader reader;
	struct codec_field cf;
	enum status st;

	memset(rec, 0, def->size);
	for (size_t i = 0; i < def->nfields; i++)
		if (def->fields[i].type == FIELD_CHOICE)
			*(int *)field_ptr(&def->fields[i], rec) = -1;
	if (codec_open(&reader, data, len) != STATUS_OK || reader.kind != def->kind)
		return STATUS_ERR_CORRUPT;
	if (reader.version > def->version)
		return STATUS_ERR_NEWER_FORMAT;
	while ((st = codec_next(&reader, &cf)) == STATUS_OK) {
		const struct field_def *field = field_by_tag(def, cf.tag);

		if (cf.tag <= 1)
			st = decode_head(&cf, rec);
		else if (!field)
			return STATUS_ERR_CORRUPT;
		else
			st = decode_field(field, &cf, rec);
		if (st != STATUS_OK)
			return st;
	}
	return st == STATUS_ERR_NOT_FOUND ? STATUS_OK : st;
}

static enum status fail(struct field_error *err, const struct field_def *field, enum status st,
                        const char *message)
{
	if (err) {
		err->field = field;
		err->status = st;
		snprintf(err->message, sizeof(err->message), "%s: %s", field->label, message);
	}
	return st;
}

static bool has_limits(const struct field_def *field)
{
	return field->min <= field->max && !(field->min == 0 && field->max == 0);
}

static int find_ref(const struct config *config, enum field_source source, const char *id)
{
	switch (source) {
	case SOURCE_DISTRICTS:
		return config_find_district(config, id);
	case SOURCE_TEAMS:
		return config_find_team(config, id);
	case SOURCE_PROVIDERS:
		return config_find_provider(config, id);
	case SOURCE_SERVICES:
		return config_find_service(config, id);
	case SOURCE_STAFF:
		return config_find_staff(config, id);
	case SOURCE_REPORTERS:
		return config_find_reporter(config, id);
	default:
		return 0;
	}
}

static enum status validate_text(const struct field_def *field, const char *s,
                                 const struct config *config, struct field_error *err)
{
	if (text_check(s, field->multiline) != STATUS_OK)
		return fail(err, field, STATUS_ERR_INVALID,
		            "enthält Steuerzeichen oder ungültige Zeichen");
	if (field->required && s[0] == '\0')
		return fail(err, field, STATUS_ERR_REQUIRED, "bitte ausfüllen");
	if (field->type == FIELD_REF && s[0] && config && find_ref(config, field->source, s) < 0)
		return fail(err, field, STATUS_ERR_NOT_FOUND, "unbekannter Eintrag");
	return STATUS_OK;
}

static enum status validate_number(const struct field_def *field, const void *rec,
                                   struct field_error *err)
{
	int64_t v = field_number(field, rec);

	if (field->type == FIELD_DATE && v != 0 &&
	    !date_valid(DATE_YEAR(v), DATE_MONTH(v),
	                field->day_optional && DATE_DAY(v) == 0 ? 1 : DATE_DAY(v)))
		return fail(err, field, STATUS_ERR_INVALID, "kein gültiges Datum");
	if (field->type == FIELD_CHOICE && (v < -1 || v >= choice_count(field)))
		return fail(err, field, STATUS_ERR_INVALID, "keine der möglichen Auswahlen");
	if (field->required && v == (field->type == FIELD_CHOICE ? -1 : 0))
		return fail(err, field, STATUS_ERR_REQUIRED,
		            field->type == FIELD_BOOL ? "muss bestätigt sein" : "bitte ausfüllen");
	if (has_limits(field) && !(field->type == FIELD_DATE && v == 0) &&
	    (v < field->min || v > field->max))
		return fail(err, field, STATUS_ERR_RANGE, "Wert außerhalb des erlaubten Bereichs");
	return STATUS_OK;
}

enum status record_validate(const struct record_def *def, const void *rec,
                            const struct config *config, struct field_error *err)
{
	for (size_t i = 0; i < def->nfields; i++) {
		const struct field_def *field = &def->fields[i];
		enum status st;

		if (field->type == FIELD_TEXT || field->type == FIELD_REF)
			st = validate_text(field, field_cptr(field, rec), config, err);
		else
			st = validate_number(field, rec, err);
		if (st != STATUS_OK)
			return st;
	}
	return def->validate ? def->validate(rec, config, err) : STATUS_OK;
}

enum status record_fail(struct field_error *err, const struct record_def *def, const char *name,
                        enum status st, const char *message)
{
	const struct field_def *field = record_field(def, name);

	if (!field) {
		if (err)
			*err = (struct field_error){.status = st};
		return st;
	}
	return fail(err, field, st, message);
}

static enum status parse_choice(const struct field_def *field, const char *text, int *out)
{
	if (text[0] == '\0') {
		*out = -1;
		return STATUS_OK;
	}
	for (int i = 0; field->choices && field->choices[i]; i++)
		if (strcmp(text, field->choices[i]) == 0 ||
		    (field->choice_labels && strcmp(text, field->choice_labels[i]) == 0)) {
			*out = i;
			return STATUS_OK;
		}
	return STATUS_ERR_INVALID;
}

static enum status parse_bool(const char *text, bool *out)
{
	static const char *const yes[] = {"ja", "j", "yes", "y", "1", "true", NULL};
	static const char *const no[] = {"nein", "n", "no", "0", "false", "", NULL};

	for (int i = 0; yes[i]; i++)
		if (strcasecmp(text, yes[i]) == 0)
			return *out = true, STATUS_OK;
	for (int i = 0; no[i]; i++)
		if (strcasecmp(text, no[i]) == 0)
			return *out = false, STATUS_OK;
	return STATUS_ERR_INVALID;
}

static enum status parse_int(const char *text, int64_t *out)
{
	char *end;
	long long v;

	if (text[0] == '\0') {
		*out = 0;
		return STATUS_OK;
	}
	errno = 0;
	v = strtoll(text, &end, 10);
	if (end == text || *end != '\0')
		return STATUS_ERR_INVALID;
	if (errno == ERANGE)
		return STATUS_ERR_RANGE;
	*out = v;
	return STATUS_OK;
}

static enum status parse_text(const struct field_def *field, const char *text, char *out)
{
	if (text_check(text, field->multiline) != STATUS_OK)
		return STATUS_ERR_INVALID;
	if (strlen(text) >= field->size)
		return STATUS_ERR_TOO_LONG;
	strcpy(out, text);
	return STATUS_OK;
}

/* A date; a month field takes "MM.JJJJ" (or a whole date) as the first
 * of that month. */
static enum status parse_date(const struct field_def *field, const char *text, int32_t *out)
{
	char day[32];

	bool month_only = strlen(text) <= 7 && strchr(text, '.') == strrchr(text, '.');

	if ((field->month || field->day_optional) && month_only && strchr(text, '.')) {
		snprintf(day, sizeof(day), "01.%s", text);
		text = day;
	} else {
		month_only = false;
	}
	if (date_parse(text, out) != STATUS_OK)
		return STATUS_ERR_INVALID;
	if (field->month)
		*out = DATE_MAKE(DATE_YEAR(*out), DATE_MONTH(*out), 1);
	else if (month_only) /* the day unknown */
		*out = DATE_MAKE(DATE_YEAR(*out), DATE_MONTH(*out), 0);
	return STATUS_OK;
}

enum status field_parse(const struct field_def *field, const char *input, void *rec)
{
	char text[4096];
	void *p = field_ptr(field, rec);
	int64_t v = 0;
	int32_t d = 0;
	enum status st;

	if (!text_copy(text, sizeof(text), input))
		return STATUS_ERR_TOO_LONG;
	if (!field->multiline)
		text_trim(text);
	switch (field->type) {
	case FIELD_TEXT:
	case FIELD_REF:
		return parse_text(field, text, p);
	case FIELD_CHOICE:
		return parse_choice(field, text, p);
	case FIELD_BOOL:
		return parse_bool(text, p);
	case FIELD_DATE:
		st = text[0] ? parse_date(field, text, &d) : STATUS_OK;
		if (st == STATUS_OK)
			*(int32_t *)p = d;
		return st;
	case FIELD_MONEY:
		st = text[0] ? money_parse(text, &v) : STATUS_OK;
		break;
	case FIELD_INT:
		st = !text[0]            ? STATUS_OK
		     : field->hundredths ? money_parse(text, &v)
		                         : parse_int(text, &v);
		break;
	case FIELD_TIME:
		st = text[0] ? date_time_parse(text, &v) : STATUS_OK;
		break;
	default:
		st = parse_int(text, &v);
		break;
	}
	if (st != STATUS_OK)
		return st;
	if (field->type == FIELD_ID) {
		if (v < 0)
			return STATUS_ERR_RANGE;
		*(uint64_t *)p = (uint64_t)v;
	} else {
		*(int64_t *)p = v;
	}
	return STATUS_OK;
}

static bool field_changed(const struct field_def *field, const void *old, const void *new)
{
	const char *a = field_cptr(field, old), *b = field_cptr(field, new);

	if (field->type == FIELD_TEXT || field->type == FIELD_REF)
		return strncmp(a, b, field->size) != 0;
	return memcmp(a, b, field->size) != 0;
}

size_t record_changes(const struct record_def *def, const void *old, const void *new, char *buf,
                      size_t size)
{
	char part[200], from[64], to[64];
	size_t n = 0, len;

	if (size == 0)
		return 0;
	buf[0] = '\0';
	for (size_t i = 0; i < def->nfields; i++) {
		const struct field_def *f = &def->fields[i];
		/* values of what is chosen, not typed: a choice, a staff member, a
		 * day, yes or no; free text may hold anything, so only its label */
		bool values = f->privacy == PRIVACY_PLAIN && f->type != FIELD_TEXT;

		if (!field_changed(f, old, new))
			continue;
		if (values) {
			field_format(f, old, from, sizeof(from));
			field_format(f, new, to, sizeof(to));
			snprintf(part, sizeof(part), "%s%s: %s → %s", n ? "; " : "", f->label,
			         from[0] ? from : "leer", to[0] ? to : "leer");
		} else {
			snprintf(part, sizeof(part), "%s%s", n ? "; " : "", f->label);
		}
		/* whole parts only: a label cut short would name no field */
		if (n + (len = strlen(part)) + 6 >= size) {
			if (n + 6 < size)
				n += (size_t)snprintf(buf + n, size - n, "%s…", n ? "; " : "");
			break;
		}
		memcpy(buf + n, part, len + 1);
		n += len;
	}
	return n;
}

size_t field_format(const struct field_def *field, const void *rec, char *buf, size_t size)
{
	const void *p = field_cptr(field, rec);
	int64_t v = field_number(field, rec);

	if (size == 0)
		return 0;
	switch (field->type) {
	case FIELD_TEXT:
	case FIELD_REF:
		return text_neutralise(p, field->multiline, buf, size);
	case FIELD_ID:
		/* an optional reference that is not set shows empty, not 0 */
		if (!v && !field->required) {
			buf[0] = '\0';
			return 0;
		}
		break;
	case FIELD_MONEY:
		/* nothing given yet: a zero that is no value of the field */
		if (!v && (field->required || (has_limits(field) && field->min > 0))) {
			buf[0] = '\0';
			return 0;
		}
		return money_format(v, buf, size);
	case FIELD_INT:
		/* nothing given yet: a zero that is no value of the field, or of
		 * hours and such, shows empty */
		if (!v && (field->hundredths || (has_limits(field) && field->min > 0))) {
			buf[0] = '\0';
			return 0;
		}
		if (field->hundredths)
			return money_format_plain(v, buf, size);
		break;
	case FIELD_DATE:
		if ((field->month || (field->day_optional && DATE_DAY((int32_t)v) == 0)) && v)
			return (size_t)snprintf(buf, size, "%02d.%04d", DATE_MONTH((int32_t)v),
			                        DATE_YEAR((int32_t)v));
		return date_format((int32_t)v, buf, size);
	case FIELD_TIME:
		return date_time_format(v, buf, size);
	case FIELD_BOOL:
		return (size_t)snprintf(buf, size, "%s", v ? "ja" : "nein");
	case FIELD_CHOICE:
		return (size_t)snprintf(
		        buf, size, "%s",
		        v >= 0 && v < choice_count(field)
		                ? (field->choice_labels ? field->choice_labels : field->choices)[v]
		                : "");
	default:
		break;
	}
	return (size_t)snprintf(buf, size, "%" PRId64, v);
}

const struct field_def *record_field(const struct record_def *def, const char *name)
{
	for (size_t i = 0; i < def->nfields; i++)
		if (strcmp(def->fields[i].name, name) == 0)
			return &def->fields[i];
	return NULL;
}

const char *record_text(const struct record_def *def, const void *rec, const char *name)
{
	const struct field_def *field = name ? record_field(def, name) : NULL;

	if (!field || (field->type != FIELD_TEXT && field->type != FIELD_REF))
		return "";
	return field_cptr(field, rec);
}

uint64_t record_id_field(const struct record_def *def, const void *rec, const char *name)
{
	const struct field_def *field = name ? record_field(def, name) : NULL;

	return field && field->type == FIELD_ID ? *(const uint64_t *)field_cptr(field, rec) : 0;
}

int index_put_text(uint8_t *buf, size_t size, const char *text)
{
	size_t len = strlen(text) + 1;

	if (len > size)
		return -1;
	memcpy(buf, text, len);
	return (int)len;
}

int index_put_id(uint8_t *buf, size_t size, uint64_t id)
{
	if (size < 8)
		return -1;
	for (int i = 0; i < 8; i++)
		buf[i] = (uint8_t)(id >> (56 - 8 * i));
	return 8;
}

int index_put_text_day(uint8_t *buf, size_t size, const char *text, int32_t day)
{
	int n = index_put_text(buf, size, text);

	if (n < 0 || (size_t)n + 4 > size)
		return -1;
	for (int i = 0; i < 4; i++)
		buf[n + i] = (uint8_t)((uint32_t)day >> (24 - 8 * i));
	return n + 4;
}

bool record_purge(const struct record_def *def, void *rec, int32_t day)
{
	const struct field_def *purged =
	        def->purged_field ? record_field(def, def->purged_field) : NULL;
	bool changed = false;

	if (purged && purged->type == FIELD_DATE &&
	    *(int32_t *)((char *)rec + purged->offset) != day) {
		*(int32_t *)((char *)rec + purged->offset) = day;
		changed = true;
	}
	for (size_t i = 0; i < def->nfields; i++) {
		const struct field_def *f = &def->fields[i];
		char *text = (char *)rec + f->offset;
		const char *gone = f->size >= sizeof(RECORD_PURGED_TEXT) ? RECORD_PURGED_TEXT : "-";

		if (f->type != FIELD_TEXT || f->filled || f->retained || !text[0] ||
		    strcmp(text, gone) == 0)
			continue;
		memset(text, 0, f->size);
		memcpy(text, gone, strlen(gone));
		changed = true;
	}
	return changed;
}

int32_t record_purged(const struct record_def *def, const void *rec)
{
	const struct field_def *f = def->purged_field ? record_field(def, def->purged_field) : NULL;

	return f && f->type == FIELD_DATE ? *(const int32_t *)((const char *)rec + f->offset) : 0;
}
