/* import bookings FILE: the file from the city's finance system goes to
 * the server in pieces (a progress line on a terminal), which books every
 * line in one transaction or none and names each bad line; this command
 * prints them as FILE:LINE: reason. The columns are in src/server/import.c
 * and the README. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "admin_private.h"

#define PIECE (48 * 1024)

/* Prints the server's findings ("LINE: reason" a line) as FILE:LINE: reason. */
static void print_findings(const char *file, const char *text)
{
	while (*text) {
		const char *nl = strchr(text, '\n');
		int n = nl ? (int)(nl - text) : (int)strlen(text);

		if (n && *text >= '0' && *text <= '9')
			fprintf(stderr, "%s:%.*s\n", file, n, text);
		else if (n)
			fprintf(stderr, "%s: %.*s\n", file, n, text);
		text += n + (nl ? 1 : 0);
	}
}

static int send_file(struct wire_client *client, const char *file, FILE *in, long size)
{
	char *piece = malloc(PIECE);
	struct wire_msg reply;
	uint64_t offset = 0;
	bool progress = isatty(STDERR_FILENO) && size > 4 * PIECE;
	int ret = piece ? ADMIN_OK : ADMIN_FINDING;
	size_t n;

	while (ret == ADMIN_OK && (n = fread(piece, 1, PIECE, in)) > 0) {
		struct codec_buf *req = wire_client_request(client, WIRE_IMPORT_DATA);

		codec_put_u64(req, WF_OFFSET, offset);
		codec_put_bytes(req, WF_DATA, piece, n);
		ret = admin_call(client, &reply);
		offset += n;
		if (progress)
			fprintf(stderr, "\rimport: %s: %llu of %ld kB sent", file,
			        (unsigned long long)offset / 1024, size / 1024);
	}
	if (progress)
		fputc('\n', stderr);
	if (ret == ADMIN_OK && ferror(in)) {
		admin_error("%s: cannot read it", file);
		ret = ADMIN_FINDING;
	}
	if (ret == ADMIN_OK && offset == 0) {
		admin_error("%s: the file is empty", file);
		ret = ADMIN_FINDING;
	}
	free(piece);
	return ret;
}

int admin_import(struct admin *admin, int argc, char **argv)
{
	const char *file = argv[1];
	struct wire_client *client;
	struct wire_msg reply;
	struct stat st;
	char text[WIRE_MAX_MESSAGE];
	uint64_t booked = 0;
	FILE *in;
	int ret;
	enum status s;

	if (argc != 2 || strcmp(argv[0], "bookings") != 0) {
		admin_error("usage: sozialraum-admin import bookings FILE");
		return ADMIN_USAGE;
	}
	if (!(in = fopen(file, "rb")) || fstat(fileno(in), &st) != 0 || !S_ISREG(st.st_mode)) {
		admin_error("%s: cannot open it as a file", file);
		if (in)
			fclose(in);
		return ADMIN_FINDING;
	}
	if (!(client = admin_connect(admin))) {
		fclose(in);
		return ADMIN_FINDING;
	}
	ret = send_file(client, file, in, (long)st.st_size);
	fclose(in);
	if (ret == ADMIN_OK) {
		codec_put_str(wire_client_request(client, WIRE_IMPORT), WF_KIND, "bookings");
		s = wire_client_call(client, &reply);
		if (s == STATUS_OK) {
			wire_get_u64(&reply, WF_COUNT, &booked);
			printf("import: %llu bookings from %s booked\n", (unsigned long long)booked,
			       file);
		} else if (wire_get_str(&reply, WF_TEXT, text, sizeof(text)) == STATUS_OK &&
		           text[0] && s == STATUS_ERR_INVALID) {
			print_findings(file, text);
			admin_error("%s: nothing booked (every line or none)", file);
			ret = ADMIN_FINDING;
		} else {
			admin_error("%s: nothing booked: %s", file, status_text(s));
			ret = ADMIN_FINDING;
		}
	}
	wire_client_close(client);
	return ret;
}
