/* Reading an integer literal again from the source text.
 *
 * libconfig 1.5 reads an integer literal beyond 32 bits written without the
 * L suffix as a wrapped int (5000000000 comes back as 705032704). So for an
 * integer setting of type CONFIG_TYPE_INT the loader reads the literal again
 * from the source text (libconfig tells file and line) and compares: a money
 * value that differs is refused, any other integer is range-checked with the
 * value that was really written (config_parse.c).
 *
 * Each source file is read once per load and kept with an index of where its
 * lines start.
 */
#include <errno.h>
#include <libconfig.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_private.h"

/* The text of a source file, kept to read integer literals again. */
struct source {
	char *file;
	char *text; /* NULL when the file could not be read */
	size_t *lines;
	size_t nlines;
};

void config_sources_free(struct load *ld)
{
	for (size_t i = 0; i < ld->nsources; i++) {
		free(ld->sources[i].file);
		free(ld->sources[i].text);
		free(ld->sources[i].lines);
	}
	free(ld->sources);
}

/* Reads all of FILE; NULL when it cannot. The caller frees. */
static char *file_read_all(const char *file)
{
	FILE *in = fopen(file, "rb");
	char *text = NULL;
	size_t len = 0, cap = 0, n;

	if (!in)
		return NULL;
	do {
		if (cap - len < 4096) {
			char *bigger = realloc(text, cap = cap ? 2 * cap : 8192);

			if (!bigger) {
				free(text);
				fclose(in);
				return NULL;
			}
			text = bigger;
		}
		n = fread(text + len, 1, cap - len - 1, in);
		len += n;
	} while (n > 0);
	text[len] = '\0';
	fclose(in);
	return text;
}

/* Where each line starts, so that a line is found without a scan. */
static bool source_index_lines(struct source *src)
{
	size_t count = 1, i = 0;

	for (const char *p = src->text; *p; p++)
		count += *p == '\n';
	src->lines = malloc(count * sizeof *src->lines);
	if (!src->lines)
		return false;
	src->lines[i++] = 0;
	for (const char *p = src->text; *p; p++)
		if (*p == '\n')
			src->lines[i++] = (size_t)(p - src->text) + 1;
	src->nlines = count;
	return true;
}

/* The text of FILE (a path as config_source_path gives it), read once per load. */
static const struct source *source_get(struct load *ld, const char *file)
{
	struct source *src, *grown;

	for (size_t i = 0; i < ld->nsources; i++)
		if (strcmp(ld->sources[i].file, file) == 0)
			return &ld->sources[i];
	grown = realloc(ld->sources, (ld->nsources + 1) * sizeof *grown);
	if (!grown)
		return NULL;
	ld->sources = grown;
	src = &ld->sources[ld->nsources];
	memset(src, 0, sizeof *src);
	src->file = strdup(file);
	if (!src->file)
		return NULL;
	ld->nsources++;
	src->text = file_read_all(file);
	if (src->text && !source_index_lines(src)) {
		free(src->text);
		src->text = NULL;
	}
	return src;
}

static bool is_name_start(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '*';
}

static bool is_name_char(char c)
{
	return is_name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

/* Skips a string, a comment or one other character at P; NULL at a line
 * comment, which ends what there is to read on the line. */
static const char *skip_token(const char *p)
{
	if (*p == '"') {
		for (p++; *p && *p != '"' && *p != '\n'; p++)
			if (*p == '\\' && p[1])
				p++;
		return *p == '"' ? p + 1 : p;
	}
	if (*p == '#' || (p[0] == '/' && p[1] == '/'))
		return NULL;
	if (p[0] == '/' && p[1] == '*') {
		const char *end = strstr(p + 2, "*/");
		return end ? end + 2 : NULL;
	}
	return p + 1;
}

/* After the ORDINAL-th "NAME =" or "NAME:" on the line at P (outside strings
 * and comments), or NULL. */
static const char *find_assignment(const char *p, const char *name, int ordinal)
{
	size_t len = strlen(name);

	while (p && *p && *p != '\n') {
		if (!is_name_start(*p)) {
			p = skip_token(p);
			continue;
		}
		const char *start = p;
		while (is_name_char(*p))
			p++;
		if ((size_t)(p - start) != len || memcmp(start, name, len) != 0)
			continue;
		while (*p == ' ' || *p == '\t')
			p++;
		if ((*p == '=' || *p == ':') && ordinal-- == 0)
			return p + 1;
	}
	return NULL;
}

/* Skips blanks, line ends and comments before a value. */
static const char *skip_space(const char *p)
{
	for (;;) {
		if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		else if (*p == '#' || (p[0] == '/' && p[1] == '/'))
			p += strcspn(p, "\n");
		else if (p[0] == '/' && p[1] == '*') {
			const char *end = strstr(p + 2, "*/");
			p = end ? end + 2 : p + strlen(p);
		} else
			return p;
	}
}

/* Parses the integer literal at P as libconfig would without wrapping it. */
static enum literal literal_parse(const char *p, long long *value)
{
	char *end;

	errno = 0;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		unsigned long long u = strtoull(p + 2, &end, 16);
		if (end == p + 2)
			return LITERAL_NOT_FOUND;
		if (errno == ERANGE || u > LLONG_MAX)
			return LITERAL_TOO_BIG;
		*value = (long long)u;
		return LITERAL_FOUND;
	}
	if (!(*p == '-' || *p == '+' || (*p >= '0' && *p <= '9')))
		return LITERAL_NOT_FOUND;
	*value = strtoll(p, &end, 10);
	if (end == p)
		return LITERAL_NOT_FOUND;
	return errno == ERANGE ? LITERAL_TOO_BIG : LITERAL_FOUND;
}

/* How many earlier elements of the same list wrote SETTING's name on the
 * same line: the literal to read is the one after theirs. */
static int same_line_before(const config_setting_t *setting)
{
	const config_setting_t *group = config_setting_parent(setting);
	const config_setting_t *list = group ? config_setting_parent(group) : NULL;
	const char *file = config_setting_source_file(setting);
	int count = 0;

	if (!list || !config_setting_is_list(list))
		return 0;
	for (int i = config_setting_index(group) - 1; i >= 0; i--) {
		const config_setting_t *e = config_setting_get_elem(list, (unsigned)i), *m;

		if (!config_setting_is_group(e))
			break;
		m = config_setting_get_member(e, config_setting_name(setting));
		if (!m || config_setting_source_line(m) != config_setting_source_line(setting) ||
		    !config_setting_source_file(m) || !file ||
		    strcmp(config_setting_source_file(m), file) != 0)
			break;
		count++;
	}
	return count;
}

/* The literal written for the integer SETTING, read from its source line. */
enum literal config_literal_of(struct load *ld, const config_setting_t *setting, long long *value)
{
	const char *name = config_setting_name(setting);
	unsigned line = config_setting_source_line(setting);
	const struct source *src;
	const char *p;
	char path[PATH_MAX];

	if (!name || line == 0)
		return LITERAL_NOT_FOUND;
	config_source_path(ld, config_setting_source_file(setting), path, sizeof path);
	src = source_get(ld, path);
	if (!src || !src->text || line > src->nlines)
		return LITERAL_NOT_FOUND;
	p = find_assignment(src->text + src->lines[line - 1], name, same_line_before(setting));
	if (!p)
		return LITERAL_NOT_FOUND;
	return literal_parse(skip_space(p), value);
}
