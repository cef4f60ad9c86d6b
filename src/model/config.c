/* The configuration loader: loading, the error list, lookups by id.
 *
 * What each setting is lives in one const table per group or list element
 * (config_schema.c); the reader those tables drive is config_parse.c. Lists
 * (districts, staff, ...) are parsed in the order of the top-level table, so
 * a reference (staff -> team) always points into a list that is already
 * complete. The files' shared internals are in config_private.h.
 *
 * The loader never stops at the first finding: every error is collected with
 * its file and line, and the configuration is only handed out when there was
 * none.
 */
#include <errno.h>
#include <fcntl.h>
#include <libconfig.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/config.h"
#include "model/status.h"
#include "model/text.h"
#include "config_private.h"

/* ---- paths ---- */

static bool path_is_absolute(const char *path)
{
	return path[0] == '/';
}

/* Joins DIR and NAME into OUT; false when it does not fit. */
static bool path_join(const char *dir, const char *name, char *out, size_t size)
{
	const char *sep = dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/";
	int n = snprintf(out, size, "%s%s%s", dir, sep, name);

	return n >= 0 && (size_t)n < size;
}

/* libconfig names an included file as the @include wrote it, relative to
 * the include folder; report and open it by a path that works from here. */
void config_source_path(const struct load *ld, const char *file, char *out, size_t size)
{
	if (!file || strcmp(file, ld->path) == 0 || path_is_absolute(file) ||
	    strcmp(ld->folder, ".") == 0 || !path_join(ld->folder, file, out, size))
		snprintf(out, size, "%s", file ? file : ld->path);
}

/* Sizes past which a configuration file is refused, not read. */
#define CONFIG_FILE_MAX      (8 << 20)
#define CONFIG_LINE_MAX      4096
#define CONFIG_INCLUDE_DEPTH 8

/* ---- errors ---- */

static void errors_addv(struct load *ld, const char *file, int line, const char *fmt, va_list ap)
        __attribute__((format(printf, 4, 0)));

static void errors_addv(struct load *ld, const char *file, int line, const char *fmt, va_list ap)
{
	struct config_errors *errors = ld->errors;
	struct config_error *error;
	char message[sizeof error->message], path[sizeof error->file];

	if (errors->count == errors->cap) {
		size_t cap = errors->cap ? 2 * errors->cap : 16;
		void *items = realloc(errors->items, cap * sizeof *errors->items);

		if (!items) {
			ld->nomem = true;
			return;
		}
		errors->items = items;
		errors->cap = cap;
	}
	error = &errors->items[errors->count++];
	config_source_path(ld, file, path, sizeof path);
	error->line = line;
	vsnprintf(message, sizeof message, fmt, ap);
	/* Messages quote what the file says; it must not drive the terminal. */
	text_neutralise(path, false, error->file, sizeof error->file);
	text_neutralise(message, false, error->message, sizeof error->message);
}

static void errors_add(struct load *ld, const char *file, int line, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));

static void errors_add(struct load *ld, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	errors_addv(ld, file, line, fmt, ap);
	va_end(ap);
}

/* An error at SETTING's file and line. */
void config_error_at(struct load *ld, const config_setting_t *setting, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	errors_addv(ld, config_setting_source_file(setting), config_setting_source_line(setting),
	            fmt, ap);
	va_end(ap);
}

/* "line 12", or "streets.conf:12" when OTHER is in another file than HERE. */
void config_where_text(const struct load *ld, const config_setting_t *here,
                       const config_setting_t *other, char *buf, size_t size)
{
	const char *a = config_setting_source_file(here), *b = config_setting_source_file(other);
	char path[PATH_MAX];

	if ((a && b && strcmp(a, b) == 0) || a == b) {
		snprintf(buf, size, "line %d", config_setting_source_line(other));
		return;
	}
	config_source_path(ld, b, path, sizeof path);
	snprintf(buf, size, "%s:%d", path, config_setting_source_line(other));
}

void config_errors_print(const struct config_errors *errors, FILE *out)
{
	for (size_t i = 0; i < errors->count; i++) {
		const struct config_error *e = &errors->items[i];

		if (e->line > 0)
			fprintf(out, "%s:%d: %s\n", e->file, e->line, e->message);
		else
			fprintf(out, "%s: %s\n", e->file, e->message);
	}
}

void config_errors_free(struct config_errors *errors)
{
	free(errors->items);
	errors->items = NULL;
	errors->count = errors->cap = 0;
}

/* ---- loading ---- */

/* data_dir and export_dir are relative to the file's folder, and made
 * absolute so that a server which changes its working directory still
 * finds them; socket is relative to data_dir. */
static void resolve_paths(struct load *ld, const config_setting_t *root)
{
	struct config *c = ld->config;
	char raw[PATH_MAX], folder[PATH_MAX];

	if (!c->data_dir[0])
		return;
	if (!realpath(ld->folder, folder))
		snprintf(folder, sizeof folder, "%s", ld->folder);
	if (!path_is_absolute(c->data_dir)) {
		memcpy(raw, c->data_dir, sizeof raw);
		if (strcmp(folder, ".") != 0 &&
		    !path_join(folder, raw, c->data_dir, sizeof c->data_dir))
			config_error_at(
			        ld, config_setting_get_member(root, "data_dir"),
			        "'data_dir' too long once joined to the configuration's folder");
	}
	if (c->export_dir[0] && !path_is_absolute(c->export_dir) && strcmp(folder, ".") != 0) {
		memcpy(raw, c->export_dir, sizeof raw);
		if (!path_join(folder, raw, c->export_dir, sizeof c->export_dir))
			config_error_at(
			        ld, config_setting_get_member(root, "export_dir"),
			        "'export_dir' too long once joined to the configuration's folder");
	}
	if (!path_is_absolute(c->socket_path)) {
		memcpy(raw, c->socket_path, sizeof raw);
		if (!path_join(c->data_dir, raw, c->socket_path, sizeof c->socket_path)) {
			const config_setting_t *s = config_setting_get_member(root, "socket");
			config_error_at(ld, s ? s : root,
			                "'socket' too long once joined to data_dir");
		}
	}
}

static void folder_of(const char *path, char *out, size_t size)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		snprintf(out, size, ".");
	else if (slash == path)
		snprintf(out, size, "/");
	else
		snprintf(out, size, "%.*s", (int)(slash - path), path);
}

/* ---- the files before libconfig reads them ---- */

/* Reads FILE whole if it is a regular file of sane size: a FIFO or device
 * would block the reader, a huge file or line would keep it busy. Opened
 * without blocking, so a FIFO is found, not waited on. FROM and LINE say
 * where it was included (NULL: the main file). The caller frees. */
static char *read_checked(struct load *ld, const char *file, const char *from, int line)
{
	int fd = open(file, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	const char *what = from ? "the included file " : "";
	struct stat sb;
	char *text = NULL;
	ssize_t n = 0;
	size_t len = 0;

	if (fd < 0 || fstat(fd, &sb) != 0) {
		errors_add(ld, from, line, "cannot read %s%s: %s", what, file, strerror(errno));
	} else if (!S_ISREG(sb.st_mode)) {
		errors_add(ld, from, line, "%s%s is not a regular file", what, file);
	} else if (sb.st_size > CONFIG_FILE_MAX) {
		errors_add(ld, from, line, "%s%s is larger than %d MiB", what, file,
		           CONFIG_FILE_MAX >> 20);
	} else if (!(text = malloc((size_t)sb.st_size + 1))) {
		ld->nomem = true;
	} else {
		while (len < (size_t)sb.st_size &&
		       (n = read(fd, text + len, (size_t)sb.st_size - len)) > 0)
			len += (size_t)n;
		text[len] = '\0';
		if (n >= 0 && memchr(text, '\0', len)) {
			/* what follows a NUL byte would reach libconfig unchecked */
			errors_add(ld, from, line, "%s%s holds a NUL byte: not a text file", what,
			           file);
			free(text);
			text = NULL;
		} else if (n < 0) {
			errors_add(ld, from, line, "cannot read %s%s: %s", what, file,
			           strerror(errno));
			free(text);
			text = NULL;
		}
	}
	if (fd >= 0)
		close(fd);
	return text;
}

static enum status check_file(struct load *ld, const char *file, const char *from, int line,
                              int depth);

/* The file named by an @include line (at P, after the word): a name in
 * quotes, not empty (libconfig would read the folder and end the process). */
static void check_include(struct load *ld, const char *file, int line, const char *p, int depth)
{
	char inc[PATH_MAX], path[PATH_MAX];
	int n = 0;

	if (sscanf(p, " \"%4095[^\"]\"%n", inc, &n) != 1 || n == 0) {
		errors_add(ld, file, line, "@include needs the name of a file in quotes");
		return;
	}
	config_source_path(ld, inc, path, sizeof path);
	check_file(ld, path, file, line, depth + 1);
}

/* The lines of TEXT (of FILE): none too long, and every @include checked. */
static void check_lines(struct load *ld, const char *file, const char *text, int depth)
{
	const char *p = text;

	for (int line = 1; *p; line++) {
		size_t len = strcspn(p, "\n");
		const char *q = p + strspn(p, " \t");

		if (len > CONFIG_LINE_MAX)
			errors_add(ld, file, line, "line longer than %d characters",
			           CONFIG_LINE_MAX);
		else if (strncmp(q, "@include", 8) == 0)
			check_include(ld, file, line, q + 8, depth);
		p += len + (p[len] == '\n');
	}
}

static enum status check_file(struct load *ld, const char *file, const char *from, int line,
                              int depth)
{
	size_t before = ld->errors->count;
	char *text;

	if (depth > CONFIG_INCLUDE_DEPTH) {
		errors_add(ld, from, line, "@include nested deeper than %d", CONFIG_INCLUDE_DEPTH);
		return STATUS_ERR_INVALID;
	}
	if (!(text = read_checked(ld, file, from, line)))
		return ld->nomem ? STATUS_ERR_NOMEM : from ? STATUS_ERR_INVALID : STATUS_ERR_IO;
	check_lines(ld, file, text, depth);
	free(text);
	return ld->errors->count > before ? STATUS_ERR_INVALID : STATUS_OK;
}

/* Reads PATH with libconfig; on failure reports why and returns the status. */
static enum status read_file(struct load *ld, config_t *cf)
{
	enum status st = check_file(ld, ld->path, NULL, 0, 0);
	int saved;

	if (st != STATUS_OK)
		return st;
	config_set_include_dir(cf, ld->folder);
	errno = 0;
	if (config_read_file(cf, ld->path))
		return STATUS_OK;
	saved = errno;
	if (config_error_type(cf) == CONFIG_ERR_FILE_IO && !config_error_file(cf)) {
		errors_add(ld, NULL, 0, "cannot read %s: %s", ld->path,
		           saved ? strerror(saved) : "input/output error");
		return STATUS_ERR_IO;
	}
	errors_add(ld, config_error_file(cf), config_error_line(cf), "%s",
	           config_error_text(cf) ? config_error_text(cf) : "syntax error");
	return STATUS_ERR_INVALID;
}

void config_free(struct config *config)
{
	if (!config)
		return;
	for (size_t i = 0; i < config->nteams; i++)
		free(config->teams[i].districts);
	free(config->districts);
	free(config->streets);
	free(config->teams);
	free(config->providers);
	free(config->services);
	free(config->reporters);
	free(config->staff);
	free(config->budgets);
	free(config);
}

static void load_parse(struct load *ld, const config_setting_t *root)
{
	struct config *c = ld->config;

	snprintf(c->path, sizeof c->path, "%s", ld->path);
	config_apply_defaults(config_top_fields, c);
	config_parse_fields(ld, config_top_fields, root, c, NULL);
	resolve_paths(ld, root);
}

enum status config_load(const char *path, struct config **out, struct config_errors *errors)
{
	struct load ld = {.errors = errors, .path = path};
	size_t errors_before = errors->count;
	config_t cf;
	enum status status;

	*out = NULL;
	folder_of(path, ld.folder, sizeof ld.folder);
	config_init(&cf);
	status = read_file(&ld, &cf);
	if (status == STATUS_OK) {
		ld.config = calloc(1, sizeof *ld.config);
		if (ld.config)
			load_parse(&ld, config_root_setting(&cf));
		if (!ld.config || ld.nomem)
			status = STATUS_ERR_NOMEM;
		else if (errors->count > errors_before)
			status = STATUS_ERR_INVALID;
	}
	config_destroy(&cf);
	for (int i = 0; i < LIST_COUNT; i++)
		free(ld.where[i]);
	config_sources_free(&ld);
	if (status == STATUS_OK)
		*out = ld.config;
	else
		config_free(ld.config);
	return status;
}

/* ---- lookups ---- */

int config_find_district(const struct config *config, const char *id)
{
	for (size_t i = 0; i < config->ndistricts; i++)
		if (strcmp(config->districts[i].id, id) == 0)
			return (int)i;
	return -1;
}

int config_find_team(const struct config *config, const char *id)
{
	for (size_t i = 0; i < config->nteams; i++)
		if (strcmp(config->teams[i].id, id) == 0)
			return (int)i;
	return -1;
}

int config_find_provider(const struct config *config, const char *id)
{
	for (size_t i = 0; i < config->nproviders; i++)
		if (strcmp(config->providers[i].id, id) == 0)
			return (int)i;
	return -1;
}

int config_find_service(const struct config *config, const char *code)
{
	for (size_t i = 0; i < config->nservices; i++)
		if (strcmp(config->services[i].code, code) == 0)
			return (int)i;
	return -1;
}

int config_find_reporter(const struct config *config, const char *id)
{
	for (size_t i = 0; i < config->nreporters; i++)
		if (strcmp(config->reporters[i].id, id) == 0)
			return (int)i;
	return -1;
}

int config_find_staff(const struct config *config, const char *login)
{
	for (size_t i = 0; i < config->nstaff; i++)
		if (strcmp(config->staff[i].login, login) == 0)
			return (int)i;
	return -1;
}

int64_t config_budget_planned(const struct config *config, int32_t year, int district,
                              enum budget_line line)
{
	for (size_t i = 0; i < config->nbudgets; i++) {
		const struct cfg_budget *b = &config->budgets[i];

		if (b->year == year && b->district == district && b->line == line)
			return b->planned;
	}
	return 0;
}
