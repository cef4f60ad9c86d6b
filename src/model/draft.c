#include <stdio.h>
#include <string.h>

#include "model/draft.h"

static const struct field_def draft_fields[] = {
        {.tag = 2,
         .name = "login",
         .label = "Benutzer",
         FIELD_TEXT(struct draft, login),
         .width = 12,
         .required = true},
        {.tag = 3,
         .name = "table",
         .label = "Art",
         FIELD_TEXT(struct draft, table),
         .width = 10,
         .required = true},
        {.tag = 4,
         .name = "record",
         .label = "Datensatz",
         FIELD_ID(struct draft, record),
         .width = 8},
        {.tag = 5, .name = "time", .label = "Zeit", FIELD_TIME(struct draft, time), .width = 19},
        {.tag = 6, .name = "title", .label = "Titel", FIELD_TEXT(struct draft, title), .width = 40},
        {.tag = 7,
         .name = "text",
         .label = "Eingaben",
         FIELD_TEXT(struct draft, text),
         .width = 60,
         .multiline = true},
        {.tag = 8,
         .name = "based_on",
         .label = "Stand",
         FIELD_INT(struct draft, based_on),
         .width = 6,
         .help = "der Stand des Datensatzes, von dem die Eingaben ausgingen"},
};

static int key_login(const void *rec, uint8_t *buf, size_t size)
{
	return index_put_text(buf, size, ((const struct draft *)rec)->login);
}

static const struct index_def draft_indexes[] = {
        {.name = "login", .kind = INDEX_KEY, .key = key_login},
};

const struct record_def draft_def = {
        .kind = 4,
        .version = 2, /* 2: based_on */
        .name = "draft",
        .table = "drafts",
        .label = "Entwurf",
        .plural = "Entwürfe",
        .size = sizeof(struct draft),
        RECORD_FIELDS(draft_fields),
        RECORD_INDEXES(draft_indexes),
};

/* Writes VALUE escaped at TEXT + LEN; returns the new length, or 0 when
 * it does not fit in SIZE (leaving room for "\n" and the terminator). */
static size_t escape(char *text, size_t len, size_t size, const char *value)
{
	for (const char *s = value; *s; s++) {
		const char *esc = *s == '\\'   ? "\\\\"
		                  : *s == '\n' ? "\\n"
		                  : *s == '\r' ? "\\r"
		                               : NULL;
		size_t n = esc ? 2 : 1;

		if (len + n + 2 > size)
			return 0;
		memcpy(text + len, esc ? esc : s, n);
		len += n;
	}
	return len;
}

bool draft_put(struct draft *draft, const char *name, const char *value)
{
	size_t start = strlen(draft->text), nlen = strlen(name), len;

	if (strpbrk(name, "=\n") || start + nlen + 3 > sizeof(draft->text))
		return false;
	memcpy(draft->text + start, name, nlen);
	draft->text[start + nlen] = '=';
	len = escape(draft->text, start + nlen + 1, sizeof(draft->text), value);
	if (len == 0) {
		draft->text[start] = '\0';
		return false;
	}
	draft->text[len++] = '\n';
	draft->text[len] = '\0';
	return true;
}

static size_t unescape(const char *s, size_t n, char *buf, size_t size)
{
	size_t len = 0;

	for (size_t i = 0; i < n && len + 1 < size; i++) {
		char c = s[i];

		if (c == '\\' && i + 1 < n) {
			c = s[++i];
			c = c == 'n' ? '\n' : c == 'r' ? '\r' : c;
		}
		buf[len++] = c;
	}
	buf[len] = '\0';
	return len;
}

bool draft_get(const struct draft *draft, const char *name, char *buf, size_t size)
{
	size_t nlen = strlen(name);

	for (const char *line = draft->text; *line;) {
		const char *end = strchr(line, '\n');
		size_t n = end ? (size_t)(end - line) : strlen(line);

		if (n > nlen && strncmp(line, name, nlen) == 0 && line[nlen] == '=') {
			if (size)
				unescape(line + nlen + 1, n - nlen - 1, buf, size);
			return true;
		}
		line += n + (end ? 1 : 0);
	}
	return false;
}
